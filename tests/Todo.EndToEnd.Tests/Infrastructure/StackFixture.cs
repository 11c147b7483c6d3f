using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using Microsoft.Playwright;
using Todo.Backend;
using Todo.Contracts;
using Todo.DaprEmulator.Hosting;
using Todo.Web;

namespace Todo.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole stack in this process: the emulator (in-memory state and pub/sub, local-file secrets), todo-backend and
/// todo-web on real Kestrel ports behind their sidecars, and a headless Debian Chromium. With
/// <see cref="StackOptions.WebPods"/> above 1, todo-web runs as that many replicas (pods todo-web-0, todo-web-1…, each
/// its own process and sidecar) on the Kubernetes pub/sub components (see <see cref="TwoWebPodsStack"/>).
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private readonly TempResources _resources = new();
    private readonly StackOptions _options;
    private readonly List<WebApplicationFactory<WebAssemblyMarker>> _replicas = [];
    private WebApplicationFactory<BackendAssemblyMarker>? _backend;
    private WebApplicationFactory<WebAssemblyMarker>? _web;
    private IPlaywright? _playwright;

    public StackFixture()
        : this(new StackOptions())
    {
    }

    internal StackFixture(StackOptions options) => _options = options;

    /// <summary>Every todo-web replica's address, the first being <see cref="WebAddress"/>.</summary>
    public IReadOnlyList<Uri> WebAddresses { get; private set; } = [];

    public DaprEmulatorHost Emulator { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public Uri WebAddress { get; private set; } = default!;

    public Uri BackendAddress { get; private set; } = default!;

    /// <summary>todo-web's services (its own backend client, for tests that seed data as the web would).</summary>
    public IServiceProvider WebServices => _web!.Services;

    /// <summary>Where both apps export their spans over OTLP, as they would to a collector.</summary>
    public OtlpTraceReceiver Traces { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Traces = await OtlpTraceReceiver.StartAsync();
        // Tokens as in every run mode: each app calls its sidecar with DAPR_API_TOKEN and checks APP_API_TOKEN.
        Emulator = _options.WebPods == 1
            ? await TodoSidecars.StartAsync(
                _resources,
                ComponentYaml.Component("pubsub", "pubsub.in-memory", ("retryInitialInterval", "50ms")),
                WithTokens(DaprNames.BackendAppId),
                WithTokens(DaprNames.WebAppId))
            : await TodoSidecars.StartAsync(_resources, KubernetesPubSubs(), WithTokens(DaprNames.BackendAppId),
                [.. Enumerable.Range(0, _options.WebPods).Select(i => WithTokens(DaprNames.WebAppId) with { PodName = WebPodName(i) })]);

        var backendSidecar = Emulator[DaprNames.BackendAppId];
        _backend = new WebApplicationFactory<BackendAssemblyMarker>().WithWebHostBuilder(web => Configure(web, backendSidecar, Traces.Endpoint));
        _backend.UseKestrel(0);
        _backend.StartServer();
        BackendAddress = _backend.ClientOptions.BaseAddress;
        backendSidecar.ConnectApp(BackendAddress.Port);

        StartWeb(0);
        WebAddress = _web!.ClientOptions.BaseAddress;
        List<Uri> addresses = [WebAddress];
        for (var pod = 1; pod < _options.WebPods; pod++)
        {
            var replica = CreateWeb(Emulator[DaprNames.WebAppId, WebPodName(pod)], 0);
            _replicas.Add(replica);
            addresses.Add(replica.ClientOptions.BaseAddress);
        }

        WebAddresses = addresses;
        await TodoSidecars.WaitUntilHealthyAsync(Emulator);
        foreach (var sidecar in Emulator.Sidecars.Instances(DaprNames.WebAppId))
        {
            await SidecarHealth.WaitUntilHealthyAsync(sidecar);
        }

        await WarmUpAsync(addresses);

        // Two shared cores: a circuit round trip can take seconds while other builds run; never flake on that.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    // A cold web's first page JITs the Razor components, MudBlazor and the antiforgery keys: seconds of CPU alone, far
    // more while every test class starts its own stack at once on two cores (CI saw a first registration wait past
    // 30 and 60 s). Paid here, where nothing times out, rather than by the first test's first page.
    private static async Task WarmUpAsync(IEnumerable<Uri> webs)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        foreach (var web in webs)
        {
            using var page = await http.GetAsync(new Uri(web, "register"));
            page.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// Stops todo-web (every open circuit dies with it) and starts a new process of it on the same address, as a
    /// deployment or crash would. Backend, sidecars and stored data carry on.
    /// </summary>
    public async Task RestartWebAsync(Action? whileDown = null)
    {
        var port = WebAddress.Port;
        await _web!.DisposeAsync();
        whileDown?.Invoke();
        StartWeb(port);
        await SidecarHealth.WaitUntilHealthyAsync(Emulator[DaprNames.WebAppId]);
    }

    private void StartWeb(int port) =>
        _web = CreateWeb(_options.WebPods == 1 ? Emulator[DaprNames.WebAppId] : Emulator[DaprNames.WebAppId, WebPodName(0)], port);

    private WebApplicationFactory<WebAssemblyMarker> CreateWeb(Sidecar webSidecar, int port)
    {
        var factory = new WebApplicationFactory<WebAssemblyMarker>().WithWebHostBuilder(web =>
        {
            Configure(web, webSidecar, Traces.Endpoint);
            if (_options.WebPods > 1)
            {
                // As the frontend chart sets it: each replica subscribes through pubsub-web, one consumer group per pod.
                web.UseSetting("Dapr:SubscriptionPubSub", "pubsub-web");
                web.UseSetting("POD_NAME", webSidecar.Options.PodName);
            }

            // The sidecars' own spans (daprd exports them to the same collector): recorded through the web's tracer,
            // since the emulator runs in this process and has no exporter of its own.
            web.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(DaprEmulatorHost.ActivitySourceName)));
            web.UseUrls($"http://127.0.0.1:{port}");
            // Open circuits would otherwise hold a restart up for the default 30 s.
            web.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        });
        factory.UseKestrel(port);
        factory.StartServer();
        webSidecar.ConnectApp(factory.ClientOptions.BaseAddress.Port);
        return factory;
    }

    private static string WebPodName(int pod) => $"todo-web-{pod}";

    /// <summary>
    /// dapr-components/kubernetes as deployed: todo-backend publishes and subscribes through `pubsub` (pubsub.kafka, one
    /// consumer group for the app), each todo-web pod consumes through `pubsub-web` (consumerID {podName}: a group per
    /// pod) on the same brokers, which the emulator serves from one log in its working directory.
    /// </summary>
    private static IReadOnlyList<(string File, string Yaml)> KubernetesPubSubs() =>
    [
        .. new[] { "pubsub.yaml", "pubsub-web.yaml" }.Select(file => (file, File.ReadAllText(RepoRoot.Combine("dapr-components", "kubernetes", file)))),
    ];

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _web?.Dispose();
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        _backend?.Dispose();
        await Emulator.DisposeAsync();
        _resources.Dispose();
        await Traces.DisposeAsync();
    }

    private static SidecarOptions WithTokens(string appId) => new()
    {
        AppId = appId,
        DaprApiToken = $"dapr-{Guid.NewGuid():N}",
        AppApiToken = $"app-{Guid.NewGuid():N}",
    };

    private static void Configure(IWebHostBuilder web, Sidecar sidecar, Uri otlpEndpoint)
    {
        TodoSidecars.ConfigureApp(web, sidecar);
        // The standard OpenTelemetry variables, as a deployment sets them for a collector.
        web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint.ToString());
        web.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        web.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200");
    }
}

/// <summary>How a <see cref="StackFixture"/> runs the apps.</summary>
internal sealed record StackOptions
{
    /// <summary>todo-web replicas; above 1 they run on the Kubernetes pub/sub components (see StackFixture).</summary>
    public int WebPods { get; init; } = 1;
}

/// <summary>The stack with two todo-web replicas (pods todo-web-0 and todo-web-1) behind one backend.</summary>
public sealed class TwoWebPodsStack() : IAsyncLifetime
{
    public StackFixture Stack { get; } = new(new StackOptions { WebPods = 2 });

    public Task InitializeAsync() => Stack.InitializeAsync();

    public Task DisposeAsync() => Stack.DisposeAsync();
}
