using System.Net;

namespace Todo.AppHost.Hosting;

/// <summary>
/// Waits until every sidecar's <c>/v1.0/healthz</c> answers 204, which the emulator (like daprd) only does once its
/// app accepts connections and its subscriptions were read; says now and then what it is still waiting for.
/// </summary>
internal static class ReadinessProbe
{
    public static async Task WaitAsync(IReadOnlyList<RunningApp> apps, Action<string> report, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var nextReport = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var waiting = new List<string>();
            foreach (var app in apps)
            {
                if (!await IsHealthyAsync(http, app, cancellationToken))
                {
                    waiting.Add(app.App.AppId);
                }
            }

            if (waiting.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > nextReport)
            {
                report($"still waiting for {string.Join(", ", waiting)} (app port not answering yet)");
                nextReport = DateTime.UtcNow.AddSeconds(30);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, RunningApp app, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(app.Sidecar.HttpEndpoint, "/v1.0/healthz"), cancellationToken);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
