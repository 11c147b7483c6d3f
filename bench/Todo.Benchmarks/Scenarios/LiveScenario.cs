using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Todo.Backend;
using Todo.Benchmarks.Measurement;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Todo.DaprEmulator.Hosting;
using Todo.ServiceDefaults.Auth;
using Todo.Testing;
using Todo.Web;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;
using Todo.Web.Features.Tasks;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// Live sync (issue 12, target 8): one user with 20 tabs open on the tasks page, one change. todo-backend and todo-web
/// run on Kestrel behind emulator sidecars; each tab is the page's own list (<see cref="LiveTaskList"/>, what the
/// Blazor component holds), subscribed to the web's <see cref="LiveEventNotifier"/> as a circuit is, reading the
/// backend through a counting handler in front of the web's sidecar. The change goes through the backend, whose
/// event reaches the web over pub/sub. Side by side: the reload path (what every event cost before: an event with no
/// task makes each tab read the list and the tags) and the apply path.
/// </summary>
internal sealed class LiveScenario : IScenario
{
    private const int Tabs = 20;
    private const int TaskCount = 200;
    private const int TargetReads = 1;
    // What each sidecar sends to its app on deliveries (the apps refuse topic deliveries without it).
    private static readonly string AppToken = $"bench-app-token-{Guid.NewGuid():N}";

    public string Name => "live";

    public string Description => "live sync: 20 tabs of one user, one change; backend reads on the reload path and the apply path";

    public async Task<int> RunAsync(BenchOptions options, TextWriter report)
    {
        using var folder = new TempResources();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        folder.Write("statestore.yaml", ComponentYaml.InMemoryStateStore);
        folder.Write("pubsub.yaml", ComponentYaml.InMemoryPubSub);
        folder.Write("secretstore.yaml", ComponentYaml.LocalFileSecretStore("secrets.json"));
        folder.Write("secrets.json", JsonSerializer.Serialize(new Dictionary<string, string> { [UserTokenDefaults.SigningKeySecretName] = key }));
        await using var emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [folder.Directory],
            WorkingDirectory = folder.Directory,
            Apps =
            [
                new SidecarOptions { AppId = DaprNames.BackendAppId, AppApiToken = AppToken },
                new SidecarOptions { AppId = DaprNames.WebAppId, AppApiToken = AppToken },
            ],
        });
        await using var backendApp = Start(new WebApplicationFactory<BackendAssemblyMarker>(), emulator[DaprNames.BackendAppId], "Todo.Backend");
        await using var webApp = Start(new WebApplicationFactory<WebAssemblyMarker>(), emulator[DaprNames.WebAppId], "Todo.Web");
        await SidecarHealth.WaitUntilHealthyAsync(emulator[DaprNames.BackendAppId]);
        await SidecarHealth.WaitUntilHealthyAsync(emulator[DaprNames.WebAppId]);

        // The web's own client makes the changes (not counted); the tabs read through a counting one, as circuits do.
        var web = webApp.Services;
        var changer = web.GetRequiredService<BackendClient>();
        var counter = new ReadCounter { InnerHandler = new SocketsHttpHandler() };
        var tabsClient = new BackendClient(
            new HttpClient(counter) { BaseAddress = new Uri(emulator[DaprNames.WebAppId].HttpEndpoint, $"/v1.0/invoke/{DaprNames.BackendAppId}/method/") },
            web.GetRequiredService<UserTokenIssuer>());
        var notifier = web.GetRequiredService<LiveEventNotifier>();
        var tagReads = new LiveTagReads(tabsClient, TimeProvider.System);

        var profile = await changer.RegisterAsync(new RegisterRequest($"live-{Guid.NewGuid():N}"[..20], "correct horse battery staple"));
        var user = new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp);
        var zone = DueText.FindZone(profile.TimeZone);
        report.WriteLine($"seeding {TaskCount} tasks, opening {Tabs} tabs ...");
        var tasks = new List<TaskDto>();
        var seeded = 0;
        var allSeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var seeding = notifier.Subscribe(user.UserId, (TaskChanged _) =>
        {
            if (Interlocked.Increment(ref seeded) == TaskCount)
            {
                allSeeded.TrySetResult();
            }

            return Task.CompletedTask;
        });
        for (var i = 0; i < TaskCount; i++)
        {
            tasks.Add(await changer.CreateTaskAsync(user, new CreateTaskRequest($"item {i}", Tags: i % 2 == 0 ? ["home"] : ["work"],
                Due: i % 3 == 0 ? null : new DueDto(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(i % 30)))));
        }

        // The seeding's own events must be in before a tab opens, or they would be counted as the change.
        await allSeeded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        seeding.Dispose();
        var table = new TableWriter("path", "tabs", "backend reads", "task list reads", "tag reads", "all tabs current (ms)");
        var reloadReads = await MeasureAsync("reload (event without a task)", new TaskFilter(), notifier, tabsClient, tagReads, user, zone, counter, table,
            () => notifier.PublishAsync(new TaskChanged($"bench-{Guid.NewGuid():N}", TaskEventTypes.Updated, user.UserId, null!, DateTimeOffset.UtcNow)),
            null, outcome => outcome == LiveOutcome.Reloaded);
        var edit = new HashSet<string>(["title"], StringComparer.OrdinalIgnoreCase);
        var applyReads = await MeasureAsync("apply (event from the backend)", new TaskFilter(), notifier, tabsClient, tagReads, user, zone, counter, table,
            () => changer.UpdateTaskAsync(user, tasks[1].Id, new UpdateTaskRequest { Title = "item 1, renamed", Present = edit }),
            tasks[1].Id, outcome => outcome == LiveOutcome.Applied);
        // A search hides the changed task from every tab: its old tags are unknown, so they are read once for all tabs.
        // Right after the tabs read their tags, a change may or may not be counted in them yet: one shared read tells.
        var freshReads = await MeasureAsync("apply, change < 1 s after the tabs opened", new TaskFilter(), notifier, tabsClient, tagReads, user, zone, counter, table,
            () => changer.UpdateTaskAsync(user, tasks[5].Id, new UpdateTaskRequest { Title = "item 5, renamed", Present = edit }),
            tasks[5].Id, outcome => outcome == LiveOutcome.Applied, settle: false);
        var hiddenReads = await MeasureAsync("apply, task hidden by a search", new TaskFilter(Text: "item 2"), notifier, tabsClient, tagReads, user, zone, counter, table,
            () => changer.UpdateTaskAsync(user, tasks[3].Id, new UpdateTaskRequest { Tags = ["home", "garden"], Present = new HashSet<string>(["tags"], StringComparer.OrdinalIgnoreCase) }),
            tasks[3].Id, outcome => outcome == LiveOutcome.Applied);
        table.WriteTo(report);
        report.WriteLine();
        var met = applyReads <= TargetReads && hiddenReads <= TargetReads && freshReads <= TargetReads;
        report.WriteLine($"target: one change with {Tabs} tabs open costs <= {TargetReads} backend read in total: {(met ? "met" : "NOT met")} " +
            $"(reload path {reloadReads}, apply path {applyReads}, right after opening {freshReads}, hidden task {hiddenReads}); load {LoadAverage()}");
        return met ? 0 : 1;
    }

    private static async Task<int> MeasureAsync(string path, TaskFilter filter, LiveEventNotifier notifier, BackendClient client, LiveTagReads tagReads,
        SignedInUser user, TimeZoneInfo zone, ReadCounter counter, TableWriter table, Func<Task> change, string? taskId, Func<LiveOutcome, bool> expected, bool settle = true)
    {
        var lists = Enumerable.Range(0, Tabs).Select(_ => new LiveTaskList(client, user, TimeProvider.System, tagReads)).ToList();
        foreach (var list in lists)
        {
            await list.LoadAsync(filter);
        }

        if (settle)
        {
            // Tabs are open a while before someone changes a task: past the clock margin of their tag read.
            await Task.Delay(LiveTaskList.ClockMargin * 2);
        }

        var outcomes = new ConcurrentBag<LiveOutcome>();
        var current = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = lists.Select(list => notifier.Subscribe(user.UserId, async (TaskChanged e) =>
        {
            if (e.Task?.Id != taskId)
            {
                return;
            }

            // What the page's callback does (it runs inside the circuit's InvokeAsync).
            outcomes.Add(await list.ApplyAsync(e, DateTimeOffset.UtcNow, zone));
            if (outcomes.Count == Tabs)
            {
                current.TrySetResult();
            }
        })).ToList();
        try
        {
            counter.Reset();
            var clock = Stopwatch.StartNew();
            await change();
            await current.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (!outcomes.All(expected))
            {
                throw new InvalidOperationException($"{path}: the tabs answered {string.Join(", ", outcomes.Distinct())}");
            }

            table.Row(path, Tabs.ToString(CultureInfo.InvariantCulture), Count(counter.All), Count(counter.TaskLists), Count(counter.Tags),
                elapsed.ToString("F1", CultureInfo.InvariantCulture));
            return counter.All;
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    private static WebApplicationFactory<T> Start<T>(WebApplicationFactory<T> factory, Sidecar sidecar, string project) where T : class
    {
        var app = factory.WithWebHostBuilder(web =>
        {
            web.UseSetting("DAPR_HTTP_ENDPOINT", sidecar.HttpEndpoint.ToString());
            web.UseSetting("DAPR_GRPC_ENDPOINT", sidecar.GrpcEndpoint.ToString());
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("APP_API_TOKEN", AppToken);
            web.UseEnvironment("Development");
            web.UseContentRoot(Path.Combine(RepoRoot.Path, "src", project));
            web.UseUrls("http://127.0.0.1:0");
        });
        app.UseKestrel(0);
        app.StartServer();
        sidecar.ConnectApp(app.ClientOptions.BaseAddress.Port);
        return app;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Counts the tabs' reads of todo-backend (every GET), and of the task list and the tags among them.</summary>
    private sealed class ReadCounter : DelegatingHandler
    {
        private int _all;
        private int _taskLists;
        private int _tags;

        public int All => _all;

        public int TaskLists => _taskLists;

        public int Tags => _tags;

        public void Reset() => (_all, _taskLists, _tags) = (0, 0, 0);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get)
            {
                Interlocked.Increment(ref _all);
                var path = request.RequestUri!.AbsolutePath;
                if (path.EndsWith("/api/tasks", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _taskLists);
                }
                else if (path.EndsWith("/api/tags", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _tags);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
