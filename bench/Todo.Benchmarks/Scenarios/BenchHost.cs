using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Todo.DaprEmulator.Hosting;
using Todo.Testing;

namespace Todo.Benchmarks.Scenarios;

/// <summary>Hosting one of our apps behind its emulator sidecar, as daprd fronts it in a pod, and waiting until it answers.</summary>
internal static class BenchHost
{
    /// <summary>
    /// Starts the app of <typeparamref name="T"/> (a marker type of its assembly) on real Kestrel on a free loopback
    /// port, pointed at <paramref name="sidecar"/>, and connects the sidecar to it. <paramref name="appToken"/> is the
    /// app API token the sidecar sends, or null for an app without one.
    /// </summary>
    public static WebApplicationFactory<T> Start<T>(Sidecar sidecar, string project, string? appToken = null, string logLevel = "Warning")
        where T : class
    {
        var factory = new WebApplicationFactory<T>().WithWebHostBuilder(web =>
        {
            web.UseSetting("DAPR_HTTP_ENDPOINT", sidecar.HttpEndpoint.ToString());
            web.UseSetting("DAPR_GRPC_ENDPOINT", sidecar.GrpcEndpoint.ToString());
            if (appToken is not null)
            {
                web.UseSetting("APP_API_TOKEN", appToken);
            }

            web.UseSetting("Logging:LogLevel:Default", logLevel);
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseContentRoot(BenchFiles.RepositoryPath("src", project));
        });
        factory.UseKestrel();
        factory.StartServer();
        sidecar.ConnectApp(factory.ClientOptions.BaseAddress.Port);
        return factory;
    }

    /// <summary>
    /// Until GET <paramref name="path"/> answers 2xx, for at most 30 s: an app behind a sidecar that is still starting
    /// refuses the connection or answers 5xx at first.
    /// </summary>
    public static Task WaitUntilReadyAsync(HttpClient http, string path) =>
        Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync(path);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            $"{http.BaseAddress}{path} answers 2xx",
            TimeSpan.FromSeconds(30));
}
