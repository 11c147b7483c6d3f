using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Todo.AppHost.Processes;
using Todo.AppHost.Tests.Infrastructure;

namespace Todo.AppHost.Tests.EndToEnd;

/// <summary>
/// The whole local run: the real dapr.yaml, the real apps, the emulator's sidecars, started by the AppHost as
/// `dotnet run --project src/Todo.AppHost` would, on random ports so it can run next to a developer's copy.
/// </summary>
public sealed class AppHostEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheAppHostRunsBothAppsWithSidecarsThatInvokeAndDeliverEventsAndLeavesNoProcessBehind()
    {
        var clock = Stopwatch.StartNew();
        // Built with this test project (project references), so no build runs while other test projects do.
        await using var host = AppHostProcess.Start("--random-ports", "--no-build");
        List<int> pids = [];
        List<Uri> appUrls = [];
        try
        {
            var ready = await host.WaitForReadyAsync(ReadyTimeout);
            output.WriteLine($"AppHost start-up: {clock.Elapsed.TotalSeconds:F1} s measured by the test; AppHost says '{ready}'");

            var backend = host.Sidecar("todo-backend");
            var web = host.Sidecar("todo-web");
            pids = [.. host.Pids("todo-backend"), .. host.Pids("todo-web")];
            appUrls = [backend.App, web.App];
            // Every local run protects the sidecars' APIs and the apps' sidecar-only routes with tokens of its own.
            var tokens = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, ".dapr", "tokens.json"))).RootElement;
            string Token(string appId, string name) => tokens.GetProperty(appId).GetProperty(name).GetString()!;
            using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            foreach (var (appId, sidecar) in new[] { ("todo-backend", backend), ("todo-web", web) })
            {
                using var noDaprToken = await anonymous.GetAsync(new Uri(sidecar.Http, "/v1.0/metadata"));
                Assert.Equal(HttpStatusCode.Unauthorized, noDaprToken.StatusCode);
                foreach (var (method, path) in new[] { ("POST", "/events/task-events"), ("GET", "/dapr/subscribe") })
                {
                    using var noAppToken = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(sidecar.App, path)));
                    Assert.Equal(HttpStatusCode.Unauthorized, noAppToken.StatusCode);
                }

                Assert.Matches("^[0-9a-f]{64}$", Token(appId, "AppApiToken"));
            }

            using var reminderJob = await anonymous.PostAsJsonAsync(new Uri(backend.App, "/job/reminder-0123456789abcdef0123456789abcdef"), new { });
            Assert.Equal(HttpStatusCode.Unauthorized, reminderJob.StatusCode);
            using var forgedReminder = await anonymous.PostAsJsonAsync(new Uri(web.App, "/events/reminders"), new { userId = "someone" });
            Assert.Equal(HttpStatusCode.Unauthorized, forgedReminder.StatusCode);
            Assert.DoesNotContain(host.Lines, line => line.Contains(Token("todo-web", "DaprApiToken"), StringComparison.Ordinal) ||
                line.Contains(Token("todo-backend", "AppApiToken"), StringComparison.Ordinal));

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            // The test calls todo-web's sidecar as todo-web does.
            http.DefaultRequestHeaders.Add("dapr-api-token", Token("todo-web", "DaprApiToken"));

            // Both sidecars report healthy (no token needed): components loaded and their app reachable.
            foreach (var sidecar in new[] { backend.Http, web.Http })
            {
                using var health = await anonymous.GetAsync(new Uri(sidecar, "/v1.0/healthz"));
                Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
            }

            // Invocation as todo-web does it: web's sidecar → todo-backend's app.
            using var backendHealth = await http.GetAsync(new Uri(web.Http, "/v1.0/invoke/todo-backend/method/health"));
            Assert.Equal(HttpStatusCode.OK, backendHealth.StatusCode);
            Assert.Equal("Healthy", await backendHealth.Content.ReadAsStringAsync());

            // Invocation plus state: the backend counts visits in the state store.
            var hello = await http.GetFromJsonAsync<JsonElement>(new Uri(web.Http, "/v1.0/invoke/todo-backend/method/api/hello"));
            Assert.Equal("Hello from todo-backend", hello.GetProperty("message").GetString());
            Assert.True(hello.GetProperty("visits").GetInt64() >= 1);

            // Event round trip: the backend publishes, the web's subscription receives it.
            var message = "smoke " + Guid.NewGuid().ToString("N");
            using var ping = await http.PostAsJsonAsync(new Uri(web.Http, "/v1.0/invoke/todo-backend/method/api/ping"), new { message });
            Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
            await Poll.UntilAsync(async () =>
            {
                var pings = await http.GetFromJsonAsync<JsonElement>(new Uri(web.Http, "/v1.0/invoke/todo-web/method/diagnostics/pings"));
                return pings.EnumerateArray().Any(p => p.GetProperty("message").GetString() == message);
            }, "the web received the ping event", EventTimeout, TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            host.Terminate();
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
            output.WriteLine(string.Join(Environment.NewLine, host.Lines));
            Assert.Equal(0, exitCode);
        }

        Assert.Contains("[apphost] stopped", host.Lines);
        Assert.NotEmpty(pids);
        Assert.All(pids, pid => Assert.False(ProcessTree.IsAlive(pid), $"process {pid} outlived the AppHost"));
        foreach (var url in appUrls)
        {
            Assert.False(await AcceptsConnectionsAsync(url), $"{url} still accepts connections");
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(Uri url)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(url.Host, url.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
