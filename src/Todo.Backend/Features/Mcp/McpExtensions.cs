using Microsoft.AspNetCore.Authorization;
using ModelContextProtocol.Server;
using Todo.Backend.Features.Auth;

namespace Todo.Backend.Features.Mcp;

/// <summary>The MCP server at <c>/mcp</c> (Streamable HTTP, stateless) for clients with a personal access token.</summary>
internal static class McpExtensions
{
    public const string Path = "/mcp";

    /// <summary>
    /// Only personal access tokens open <c>/mcp</c>: they are what a user creates for an MCP client and can revoke one
    /// by one. The five-minute user tokens are todo-web's credential for its own calls; accepting them here would let
    /// anything that obtains one drive the tools outside todo-web, and the in-app chat calls the tools in-process anyway.
    /// </summary>
    public const string Policy = "McpClient";

    public static WebApplicationBuilder AddMcp(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<McpOriginPolicy>();
        builder.Services.AddScoped<ProjectToolCore>();
        builder.Services.AddScoped<TaskToolCore>();
        builder.Services.AddScoped<TaskOrganizeToolCore>();
        builder.Services.AddScoped<TodoTools>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(AccessTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        builder.Services.AddMcpServer(options => options.ServerInfo = new() { Name = "todo", Title = "Todo", Version = "1.0.0" })
            .WithHttpTransport(options => options.Stateless = true)
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolArgumentCheck.Filter));

        // WithTools<TodoTools>() as the SDK does it, plus our schema corrections (it has no overload taking them).
        foreach (var method in typeof(TodoTools).GetMethods().Where(m => m.IsDefined(typeof(McpServerToolAttribute), inherit: false)))
        {
            builder.Services.AddSingleton(services => McpServerTool.Create(
                method,
                request => request.Services!.GetRequiredService<TodoTools>(),
                new McpServerToolCreateOptions { Services = services, SerializerOptions = ToolResults.Json, SchemaCreateOptions = ToolSchemas.Options }));
        }

        return builder;
    }

    public static WebApplication MapMcpServer(this WebApplication app)
    {
        var origins = app.Services.GetRequiredService<McpOriginPolicy>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (!origins.IsAllowed(origin))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Origin not allowed",
                        Detail = $"Requests to {Path} from the web origin '{origin}' are refused (DNS-rebinding protection). " +
                            "Add the origin to the configuration setting Mcp:AllowedOrigins if it is yours.",
                    },
                });
                return;
            }

            try
            {
                await next(context);
            }
            catch (System.Text.Json.JsonException ex) when (!context.Response.HasStarted)
            {
                // The SDK reads some params itself (initialize) and lets a wrongly typed one escape as a 500.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new
                {
                    jsonrpc = "2.0",
                    id = (object?)null,
                    error = new { code = -32602, message = $"Invalid params: {Todo.ServiceDefaults.Http.JsonProblems.Describe(ex)}" },
                });
            }
        }));
        var mcp = app.MapMcp(Path).RequireAuthorization(Policy).WithTags("MCP");
        mcp.Add(endpoint => endpoint.RequestDelegate = McpRequestCheck.Wrap(endpoint.RequestDelegate!));
        return app;
    }
}
