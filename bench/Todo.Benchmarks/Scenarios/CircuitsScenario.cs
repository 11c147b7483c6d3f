using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Todo.Backend;
using Todo.Benchmarks.Measurement;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.Contracts.Tasks;
using Todo.DaprEmulator.Hosting;
using Todo.Testing;
using Todo.Web;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// Memory per idle Blazor circuit (issue 12, target 11): the real todo-web and todo-backend behind emulator sidecars,
/// one user with 1,000 open tasks, and 100 tabs of a headless Chromium on the tasks page (each tab its own circuit).
/// Managed memory is <see cref="GC.GetTotalMemory(bool)"/> after a full collection, before and after the tabs opened;
/// the web shares this process with the backend and the emulator, which do nothing while the tabs sit idle. Beside it,
/// the same for a user with an empty list: what a circuit costs before it holds any task.
/// </summary>
internal sealed class CircuitsScenario : IScenario
{
    private static readonly int Tabs = int.Parse(Environment.GetEnvironmentVariable("TABS") ?? "100");
    private static readonly int EmptyTabs = int.Parse(Environment.GetEnvironmentVariable("EMPTYTABS") ?? "20");
    private const int TaskCount = 1_000;
    private const double TargetBytesPerCircuit = 1024 * 1024;

    public string Name => "circuits";

    public string Description => "memory per idle circuit: 100 tabs on the tasks page of a user with 1,000 open tasks (needs /usr/bin/chromium)";

    public async Task<int> RunAsync(BenchOptions options, TextWriter report)
    {
        using var resources = new TempResources();
        await using var emulator = await TodoSidecars.StartAsync(resources, ComponentYaml.InMemoryPubSub, WithTokens(DaprNames.BackendAppId), WithTokens(DaprNames.WebAppId));
        var circuits = new CircuitCounter();
        await using var backend = Start(new WebApplicationFactory<BackendAssemblyMarker>(), emulator[DaprNames.BackendAppId], "Todo.Backend", null);
        await using var web = Start(new WebApplicationFactory<WebAssemblyMarker>(), emulator[DaprNames.WebAppId], "Todo.Web", circuits);
        await TodoSidecars.WaitUntilHealthyAsync(emulator);
        var client = web.Services.GetRequiredService<BackendClient>();

        report.WriteLine($"seeding {TaskCount:N0} open tasks ...");
        var full = await RegisterAsync(client);
        var user = new SignedInUser(full.UserId, full.Username, full.DisplayName, full.SessionStamp);
        await Parallel.ForEachAsync(Enumerable.Range(0, TaskCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            await client.CreateTaskAsync(user, new CreateTaskRequest($"task number {i} with a title of ordinary length", Tags: [i % 2 == 0 ? "home" : "work"],
                Due: i % 3 == 0 ? null : new DueDto(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(i % 30))), token));
        var empty = await RegisterAsync(client);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--renderer-process-limit=8"],
        });
        var address = web.ClientOptions.BaseAddress.ToString();
        var table = new TableWriter("user", "tabs (circuits)", "rows per tab", "managed before MB", "managed after MB", "per circuit KB", "opening all tabs s");
        var perCircuit = await MeasureAsync(browser, address, full.Username, $"{TaskCount:N0} open tasks", Tabs, circuits, table, report);
        await MeasureAsync(browser, address, empty.Username, "empty list", EmptyTabs, circuits, table, report);

        report.WriteLine();
        report.WriteLine($"scenario circuits: todo-web + todo-backend + emulator in this process, Chromium tabs on the tasks page, idle; load average {Machine.LoadAverage()}");
        table.WriteTo(report);
        var met = perCircuit <= TargetBytesPerCircuit;
        report.WriteLine();
        report.WriteLine($"target 11: ≤ 1 MB per idle circuit holding {TaskCount:N0} tasks → {(met ? "MET" : "NOT MET")} ({perCircuit / 1024:F0} KB)");
        return met ? 0 : 1;
    }

    /// <summary>Opens <paramref name="tabs"/> tabs of one signed-in browser context; returns the managed bytes per circuit.</summary>
    private static async Task<double> MeasureAsync(IBrowser browser, string address, string username, string label, int tabs, CircuitCounter circuits, TableWriter table, TextWriter report)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/sign-in");
        await signIn.Locator("#circuit-ready[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await signIn.FillAsync("#username", username);
        await signIn.FillAsync("#password", Password);
        await signIn.ClickAsync("#sign-in-submit");
        await signIn.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = 60_000 });
        // The tasks page once before measuring (code paths warmed, caches filled), then closed.
        await signIn.Locator("#tasks-ready[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await signIn.CloseAsync();
        await circuits.UntilAsync(0);

        var before = Managed();
        if (Environment.GetEnvironmentVariable("PAUSE") is { } pause0)
        {
            report.WriteLine($"PAUSED-BEFORE pid {Environment.ProcessId} ({label}); touch {pause0}-b{tabs} to go on");
            await report.FlushAsync();
            while (!File.Exists($"{pause0}-b{tabs}")) await Task.Delay(500);
        }
        report.WriteLine($"opening {tabs} tabs for {username} ...");
        var clock = Stopwatch.StartNew();
        var rows = 0;
        for (var i = 0; i < tabs; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/", new() { Timeout = 120_000 });
            await page.Locator("#tasks-ready[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            rows = await page.Locator(".task-row").CountAsync();
        }

        var opening = clock.Elapsed;
        await circuits.UntilAsync(tabs);
        var after = Managed();
        try { circuits.Dump(report); } catch (InvalidOperationException) { }
        if (Environment.GetEnvironmentVariable("PAUSE") is { } pause)
        {
            report.WriteLine($"PAUSED pid {Environment.ProcessId} ({label}); touch {pause}-{tabs} to go on");
            await report.FlushAsync();
            while (!File.Exists($"{pause}-{tabs}")) await Task.Delay(500);
        }
        var perCircuit = (after - before) / (double)tabs;
        table.Row(label, tabs.ToString(), rows.ToString(),
            (before / 1048576.0).ToString("F1"), (after / 1048576.0).ToString("F1"), (perCircuit / 1024).ToString("F0"), opening.TotalSeconds.ToString("F1"));
        await context.CloseAsync();
        return perCircuit;
    }

    private static long Managed()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private const string Password = "correct horse battery staple";

    private static Task<UserProfile> RegisterAsync(BackendClient client) =>
        client.RegisterAsync(new RegisterRequest($"c{Guid.NewGuid():N}"[..20], Password));

    private static SidecarOptions WithTokens(string appId) => new()
    {
        AppId = appId,
        DaprApiToken = $"dapr-{Guid.NewGuid():N}",
        AppApiToken = $"app-{Guid.NewGuid():N}",
    };

    private static WebApplicationFactory<T> Start<T>(WebApplicationFactory<T> factory, Sidecar sidecar, string project, CircuitCounter? circuits) where T : class
    {
        var app = factory.WithWebHostBuilder(web =>
        {
            TodoSidecars.ConfigureApp(web, sidecar);
            web.UseContentRoot(Path.Combine(RepoRoot.Path, "src", project));
            if (circuits is not null)
            {
                web.ConfigureTestServices(services =>
                {
                    services.AddSingleton<CircuitHandler>(circuits);
                    // A closed tab's circuit would otherwise be kept 3 minutes for a reconnect, and counted.
                    services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(1));
                });
            }
        });
        app.UseKestrel(0);
        app.StartServer();
        sidecar.ConnectApp(app.ClientOptions.BaseAddress.Port);
        return app;
    }

    /// <summary>How many circuits are open in todo-web (a circuit handler, as Blazor reports them).</summary>
    private sealed class CircuitCounter : CircuitHandler
    {
        private int _open;
        private readonly List<Circuit> _all = [];

        public void Dump(TextWriter report)
        {
            Circuit c;
            lock (_all) c = _all[^1];
            const System.Reflection.BindingFlags F = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance;
            object? Get(object o, string name) { for (var t = o.GetType(); t != null; t = t.BaseType) { var f = t.GetField(name, F); if (f != null) return f.GetValue(o); var p = t.GetProperty(name, F); if (p != null) return p.GetValue(o); } throw new Exception(o.GetType() + "." + name); }
            var host = Get(c, "_circuitHost")!;
            var renderer = Get(host, "Renderer")!;
            var states = (System.Collections.IDictionary)Get(renderer, "_componentStateById")!;
            var byType = new Dictionary<string, (int n, long cap, long used)>();
            foreach (System.Collections.DictionaryEntry e in states)
            {
                var st = e.Value!;
                long cap = 0, used = 0;
                foreach (var f in new[] { st.GetType(), st.GetType().BaseType! }.SelectMany(t => t.GetFields(F | System.Reflection.BindingFlags.DeclaredOnly)).Where(f => f.FieldType.Name == "RenderTreeBuilder"))
                {
                    var b = f.GetValue(st); if (b is null) continue;
                    var entries = Get(b, "_entries")!;
                    cap += ((Array)Get(entries, "_items")!).Length; used += (int)Get(entries, "_itemsInUse")!;
                }
                var name = Get(st, "Component")!.GetType().Name;
                var v = byType.GetValueOrDefault(name); byType[name] = (v.n + 1, v.cap + cap, v.used + used);
            }
            report.WriteLine($"components {states.Count}; frames capacity {byType.Values.Sum(v => v.cap)} used {byType.Values.Sum(v => v.used)}");
            foreach (var (k, v) in byType.OrderByDescending(x => x.Value.cap)) report.WriteLine($"  {k,-40} n={v.n,4} cap={v.cap,7} used={v.used,7}");
        }

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _open);
            lock (_all) _all.Add(circuit);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref _open);
            return Task.CompletedTask;
        }

        /// <summary>Until exactly <paramref name="count"/> circuits are open (closed tabs' circuits end after a disconnect).</summary>
        public Task UntilAsync(int count) =>
            Poll.UntilAsync(() => Task.FromResult(Volatile.Read(ref _open) == count), $"{count} open circuits (now {Volatile.Read(ref _open)})", TimeSpan.FromMinutes(5));
    }
}
