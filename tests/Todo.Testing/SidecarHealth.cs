using System.Net;
using Todo.DaprEmulator.Hosting;

namespace Todo.Testing;

/// <summary>Waiting for a sidecar the way Kubernetes' readiness probe does: until <c>/v1.0/healthz</c> answers 204.</summary>
public static class SidecarHealth
{
    public static async Task WaitUntilHealthyAsync(Sidecar sidecar)
    {
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await http.GetAsync("/v1.0/healthz");
                return response.StatusCode;
            },
            status => status == HttpStatusCode.NoContent,
            $"sidecar {sidecar.AppId}{(sidecar.Options.PodName is { } pod ? $" ({pod})" : "")} is healthy (healthz 204)",
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
    }
}
