using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Metadata;

/// <summary>
/// <c>/v1.0/healthz</c> is ready only once the app answers and its subscriptions were read (daprd waits for the app
/// port); <c>/v1.0/healthz/outbound</c> as soon as the sidecar listens, so an app can call Dapr during its start-up.
/// </summary>
internal static class HealthHttpApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1.0/healthz", (HttpContext context, Sidecar sidecar) =>
        {
            var appId = context.Request.Query["appid"].ToString();
            if (appId.Length > 0 && appId != sidecar.AppId)
            {
                return DaprErrorResults.Result(DaprErrors.HealthAppIdNotMatch);
            }

            var ready = sidecar.AppChannel.Port is null || sidecar.AppChannel.WasReady;
            return ready
                ? Results.NoContent()
                : DaprErrorResults.Result(DaprErrors.HealthNotReady);
        });
        app.MapGet("/v1.0/healthz/outbound", (Sidecar sidecar) => sidecar.IsListening
            ? Results.NoContent()
            : DaprErrorResults.Result(DaprErrors.OutboundHealthNotReady));
    }
}
