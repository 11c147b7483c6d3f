using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Todo.Backend;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.DaprEmulator.Hosting;
using Todo.ServiceDefaults.Auth;
using Todo.Testing;
using Todo.Testing.Fuzz;
using Todo.Web;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// The full fuzz run (the CI suite sends about 200 per route): both apps behind emulator sidecars with app tokens,
/// <c>--requests</c> seeded requests per route (half directly, half through the sidecar) over every REST route of the
/// backend, <c>/mcp</c>, the topic handlers and the job callback, and the web's POST routes. Prints the status codes
/// per route; exits 1 when any answer was a 5xx, no answer, or a refusal without a ProblemDetails.
/// </summary>
internal sealed class FuzzScenario : IScenario
{
    public string Name => "fuzz";

    public string Description => "seeded fuzz of every route of both apps (--requests per route, default 1,000; --seed)";

    public async Task<int> RunAsync(BenchOptions options, TextWriter report)
    {
        using var folder = new TempResources();
        return await RunInAsync(folder.Directory, options, report);
    }

    private static async Task<int> RunInAsync(string folder, BenchOptions options, TextWriter report)
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(Path.Combine(folder, "statestore.yaml"), Todo.Testing.ComponentYaml.InMemoryStateStore);
        File.WriteAllText(Path.Combine(folder, "pubsub.yaml"), Todo.Testing.ComponentYaml.InMemoryPubSub);
        File.WriteAllText(Path.Combine(folder, "secretstore.yaml"), Todo.Testing.ComponentYaml.LocalFileSecretStore("secrets.json"));
        BenchFiles.WriteSigningKeySecret(folder, key);
        var backendToken = $"backend-{Guid.NewGuid():N}";
        var webToken = $"web-{Guid.NewGuid():N}";
        await using var emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [folder],
            WorkingDirectory = folder,
            Apps =
            [
                new SidecarOptions { AppId = DaprNames.BackendAppId, AppApiToken = backendToken },
                new SidecarOptions { AppId = DaprNames.WebAppId, AppApiToken = webToken },
                new SidecarOptions { AppId = "fuzz-caller" },
            ],
        });

        await using var backend = BenchHost.Start<BackendAssemblyMarker>(emulator[DaprNames.BackendAppId], "Todo.Backend", backendToken, logLevel: "Error");
        await using var web = BenchHost.Start<WebAssemblyMarker>(emulator[DaprNames.WebAppId], "Todo.Web", webToken, logLevel: "Error");

        using var viaSidecar = Client(new Uri(emulator["fuzz-caller"].HttpEndpoint, $"/v1.0/invoke/{DaprNames.BackendAppId}/method/"));
        using var backendDirect = Client(backend.ClientOptions.BaseAddress);
        using var webDirect = Client(web.ClientOptions.BaseAddress);
        using var webViaSidecar = Client(new Uri(emulator["fuzz-caller"].HttpEndpoint, $"/v1.0/invoke/{DaprNames.WebAppId}/method/"));
        await BenchHost.WaitUntilReadyAsync(viaSidecar, "api/hello");
        await BenchHost.WaitUntilReadyAsync(webViaSidecar, "alive");

        using var registered = await viaSidecar.PostAsJsonAsync("api/accounts/register", new RegisterRequest($"fuzz{Guid.NewGuid():N}"[..20], "correct horse battery", null, "UTC"));
        var user = (await registered.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<UserProfile>(TodoJson.Options))!;
        // User tokens live five minutes at most (the backend refuses longer ones); the run issues fresh ones.
        string UserToken() => UserTokenIssuer.Issue(key, user.UserId, user.Username, DateTimeOffset.UtcNow);
        var userToken = UserToken();
        using var asUser = Client(viaSidecar.BaseAddress!);
        asUser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", userToken);
        // Each way gets its own tasks: the last route (DELETE) removes the ones it aims at.
        var materials = new[] { await FuzzSetup.PrepareUserAsync(asUser, backendDirect, tasks: 20), await FuzzSetup.PrepareUserAsync(asUser, backendDirect, tasks: 20) };
        var material = materials[0];
        var antiforgery = await FuzzSetup.AntiforgeryAsync(webDirect);

        var half = Math.Max(1, options.Requests / 2);
        report.WriteLine($"fuzz: seed {options.Seed}, {half:N0} requests per route directly and {half:N0} through the sidecar, " +
                         $"{FuzzCatalog.Backend.Count} backend and {FuzzCatalog.Web.Count} web routes ...");
        var result = new FuzzReport();
        foreach (var (client, via, mine) in new[] { (backendDirect, "backend, direct", materials[0]), (viaSidecar, "backend, sidecar", materials[1]) })
        {
            await FuzzRunner.RunAsync(FuzzCatalog.Backend, new FuzzContext
            {
                Client = client,
                Via = via,
                UserTokenFactory = UserToken,
                AccessToken = mine.AccessToken,
                AppToken = backendToken,
                TaskIds = mine.TaskIds,
                SampleTaskJson = mine.SampleTaskJson,
                UserId = user.UserId,
                ToolNames = mine.ToolNames,
            }, half, options.Seed, into: result);
        }

        foreach (var (client, via) in new[] { (webDirect, "web, direct"), (webViaSidecar, "web, sidecar") })
        {
            await FuzzRunner.RunAsync(FuzzCatalog.Web, new FuzzContext
            {
                Client = client,
                Via = via,
                AppToken = webToken,
                Antiforgery = antiforgery,
                UserId = user.UserId,
                SampleTaskJson = material.SampleTaskJson,
            }, half, options.Seed, into: result);
        }

        // Without the app token, sidecar-only routes must refuse (4xx) and never run.
        var anonymous = new FuzzReport();
        await FuzzRunner.RunAsync(FuzzCatalog.BackendSidecarOnly, new FuzzContext { Client = backendDirect, Via = "backend, direct, no app token", UserId = user.UserId, TaskIds = material.TaskIds, SampleTaskJson = material.SampleTaskJson }, half / 5, options.Seed, into: anonymous);

        report.WriteLine();
        report.WriteLine(result.Table());
        report.WriteLine($"{result.Total:N0} requests in {result.Elapsed.TotalSeconds:F0} s: {result.ServerErrors} × 5xx or no answer, {result.Findings.Count} unacceptable answers");
        report.WriteLine();
        report.WriteLine("sidecar-only routes without the app token:");
        report.WriteLine(anonymous.Table());
        var reached = anonymous.CountWhere(status => status is < 400 or >= 500);
        report.WriteLine($"{anonymous.Total:N0} requests, {anonymous.Count(System.Net.HttpStatusCode.Unauthorized):N0} × 401, {reached} answered outside 4xx");
        if (result.Findings.Count + anonymous.Findings.Count > 0)
        {
            report.WriteLine();
            report.WriteLine(result.Describe());
            report.WriteLine(anonymous.Describe());
        }

        return result.Findings.Count + anonymous.Findings.Count + reached == 0 ? 0 : 1;
    }

    private static HttpClient Client(Uri baseAddress) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 16 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
