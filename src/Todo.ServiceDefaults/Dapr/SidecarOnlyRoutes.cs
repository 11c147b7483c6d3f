using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Todo.ServiceDefaults.Dapr;

/// <summary>
/// Routes only the Dapr runtime may call: topic deliveries, job triggers and the <c>/dapr/*</c> discovery routes.
/// A call is let through only when it carries the app token (<c>APP_API_TOKEN</c>, which daprd sends as
/// <c>dapr-api-token</c> on every call to the app) and did not arrive by service invocation.
/// </summary>
/// <remarks>
/// Closed by default: with no APP_API_TOKEN configured these routes refuse every call, so a deployment that forgot
/// the token shows it at once (the sidecar's subscription discovery fails in its log) instead of running open.
/// The invocation check is a second wall: daprd attaches the app token to invoked calls too, so anyone allowed to
/// invoke the app could otherwise forge events. daprd stamps <c>dapr-caller-app-id</c> on every invoked call and
/// strips a caller-supplied one (dapr/dapr pkg/messaging/direct_messaging.go, addCallerAndCalleeAppIDHeaderToMetadata
/// and invokeLocal); pub/sub deliveries and job triggers never carry it.
/// </remarks>
public static class SidecarOnlyRoutes
{
    /// <summary>The header daprd sends the app token in.</summary>
    public const string AppTokenHeader = "dapr-api-token";

    /// <summary>The header daprd stamps on every service-invocation call to the app.</summary>
    public const string CallerAppIdHeader = "dapr-caller-app-id";

    /// <summary>Marks a route as callable only by the Dapr runtime (see <see cref="UseSidecarOnlyRoutes"/>).</summary>
    public static TBuilder RequireDaprAppToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(SidecarOnlyMetadata.Instance);
        return builder;
    }

    /// <summary>
    /// Checks every route marked with <see cref="RequireDaprAppToken{TBuilder}"/>. A middleware rather than an
    /// endpoint filter, because <c>MapSubscribeHandler</c> maps a plain request delegate, which filters never see.
    /// </summary>
    public static WebApplication UseSidecarOnlyRoutes(this WebApplication app)
    {
        var expected = app.Configuration["APP_API_TOKEN"] is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;
        if (expected is null)
        {
            app.Logger.LogError(
                "APP_API_TOKEN is not set: job triggers, topic deliveries and /dapr/subscribe will be refused. " +
                "Give the app and its Dapr sidecar the same APP_API_TOKEN.");
        }

        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<SidecarOnlyMetadata>() is null)
            {
                await next(context);
                return;
            }

            if (Refusal(context.Request, expected) is { } refusal)
            {
                await WriteProblemAsync(context, refusal.Status, refusal.Detail);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static (int Status, string Detail)? Refusal(HttpRequest request, byte[]? expected)
    {
        if (expected is null)
        {
            return (StatusCodes.Status401Unauthorized,
                "This route is for the Dapr sidecar, and this app has no APP_API_TOKEN configured, so it is closed.");
        }

        var actual = Encoding.UTF8.GetBytes(request.Headers[AppTokenHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return (StatusCodes.Status401Unauthorized, "This route is for the Dapr sidecar and needs its app token.");
        }

        if (request.Headers.ContainsKey(CallerAppIdHeader))
        {
            return (StatusCodes.Status403Forbidden,
                "This route is for the Dapr runtime's own deliveries; it cannot be reached by service invocation.");
        }

        return null;
    }

    // What Kestrel may read after the answer so the caller sees it instead of a reset: daprd's default max body size.
    private const long DrainLimit = 4 * 1024 * 1024;

    private static async Task WriteProblemAsync(HttpContext context, int status, string detail)
    {
        // Refused before the body is read: let Kestrel drain the rest (up to DrainLimit) rather than reset the
        // connection, which a caller's sidecar would report as its own 500.
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.ContentLength is > DrainLimit)
        {
            context.Response.Headers.Connection = "close";
        }
        else if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = Math.Max(bodySize.MaxRequestBodySize ?? 0, context.Request.ContentLength ?? DrainLimit);
        }

        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = status == 401 ? "Unauthorized" : "Forbidden", Detail = detail },
        });
    }

    private sealed class SidecarOnlyMetadata
    {
        public static readonly SidecarOnlyMetadata Instance = new();
    }
}
