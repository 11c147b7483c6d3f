using System.Diagnostics;
using System.Net;
using Todo.DaprEmulator.Hosting;

namespace Todo.Testing;

/// <summary>Waiting for a sidecar the way Kubernetes' readiness probe does: until <c>/v1.0/healthz</c> answers 204.</summary>
public static class SidecarHealth
{
    public static async Task WaitUntilHealthyAsync(Sidecar sidecar)
    {
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await http.GetAsync("/v1.0/healthz");
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"sidecar {sidecar.AppId}{(sidecar.Options.PodName is { } pod ? $" ({pod})" : "")} did not become healthy");
    }
}
