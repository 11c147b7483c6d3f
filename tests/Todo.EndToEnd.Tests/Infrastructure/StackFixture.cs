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
/// todo-web on real Kestrel ports behind their sidecars, and a headless Debian Chromium.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private readonly TempResources _resources = new();
    private WebApplicationFactory<BackendAssemblyMarker>? _backend;
    private WebApplicationFactory<WebAssemblyMarker>? _web;
    private IPlaywright? _playwright;

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
        Emulator = await TodoSidecars.StartAsync(
            _resources,
            ComponentYaml.Component("pubsub", "pubsub.in-memory", ("retryInitialInterval", "50ms")),
            WithTokens(DaprNames.BackendAppId),
            WithTokens(DaprNames.WebAppId));

        var backendSidecar = Emulator[DaprNames.BackendAppId];
        _backend = new WebApplicationFactory<BackendAssemblyMarker>().WithWebHostBuilder(web => Configure(web, backendSidecar, Traces.Endpoint));
        _backend.UseKestrel(0);
        _backend.StartServer();
        BackendAddress = _backend.ClientOptions.BaseAddress;
        backendSidecar.ConnectApp(BackendAddress.Port);

        StartWeb(0);
        WebAddress = _web!.ClientOptions.BaseAddress;
        await TodoSidecars.WaitUntilHealthyAsync(Emulator);

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

    private void StartWeb(int port)
    {
        var webSidecar = Emulator[DaprNames.WebAppId];
        _web = new WebApplicationFactory<WebAssemblyMarker>().WithWebHostBuilder(web =>
        {
            Configure(web, webSidecar, Traces.Endpoint);
            // The sidecars' own spans (daprd exports them to the same collector): recorded through the web's tracer,
            // since the emulator runs in this process and has no exporter of its own.
            web.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(DaprEmulatorHost.ActivitySourceName)));
            web.UseUrls($"http://127.0.0.1:{port}");
            // Open circuits would otherwise hold a restart up for the default 30 s.
            web.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        });
        _web.UseKestrel(port);
        _web.StartServer();
        webSidecar.ConnectApp(_web.ClientOptions.BaseAddress.Port);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _web?.Dispose();
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
