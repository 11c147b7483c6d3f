using Microsoft.AspNetCore.Http;

namespace Todo.DaprEmulator.Hosting;

/// <summary>
/// HTTP side of DAPR_API_TOKEN: every request needs a matching <c>dapr-api-token</c> header, except GET on the two
/// health routes; failure is 401 text/plain "invalid api token". The header is removed before anything is forwarded.
/// </summary>
internal sealed class ApiTokenMiddleware(RequestDelegate next, Sidecar sidecar)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (sidecar.Options.DaprApiToken is { } expected && !IsHealthRoute(context.Request))
        {
            if (context.Request.Headers["dapr-api-token"] != expected)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/plain";
                return context.Response.WriteAsync("invalid api token");
            }
        }

        context.Request.Headers.Remove("dapr-api-token");
        return next(context);
    }

    private static bool IsHealthRoute(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) &&
        (request.Path.Equals("/v1.0/healthz", StringComparison.OrdinalIgnoreCase) ||
         request.Path.Equals("/v1.0/healthz/outbound", StringComparison.OrdinalIgnoreCase));
}
