using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Todo.Backend;
using Todo.Contracts;
using Todo.DaprEmulator.Hosting;

namespace Todo.Web.Tests.Hosting;

/// <summary>
/// todo-web and todo-backend on real Kestrel ports (loopback) behind emulator sidecars, as the AppHost runs them,
/// for tests that talk HTTP to the web as a browser or an attacker would. Both sidecars carry an app token.
/// </summary>
public class WebStackFixture : IAsyncLifetime
{
    private readonly TempResources _resources = new();
    private WebApplicationFactory<BackendAssemblyMarker>? _backend;
    private WebApplicationFactory<WebAssemblyMarker>? _web;

    public DaprEmulatorHost Emulator { get; private set; } = default!;

    public Uri WebAddress { get; private set; } = default!;

    /// <summary>APP_API_TOKEN of the web's sidecar and of the web (what the sidecar sends on every call to the app).</summary>
    public string WebAppToken { get; } = $"web-app-token-{Guid.NewGuid():N}";

    /// <summary>The web's ASP.NET Core environment; the AppHost runs it in Development.</summary>
    protected virtual string Environment => "Development";

    /// <summary>Extra service registrations for the web, applied after its own.</summary>
    protected virtual void ConfigureWebServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Emulator = await TodoSidecars.StartAsync(
            _resources,
            ComponentYaml.InMemoryPubSub,
            new SidecarOptions { AppId = DaprNames.BackendAppId },
            new SidecarOptions { AppId = DaprNames.WebAppId, AppApiToken = WebAppToken });

        var backendSidecar = Emulator[DaprNames.BackendAppId];
        _backend = new WebApplicationFactory<BackendAssemblyMarker>().WithWebHostBuilder(web => TodoSidecars.ConfigureApp(web, backendSidecar));
        _backend.UseKestrel(0);
        _backend.StartServer();
        backendSidecar.ConnectApp(_backend.ClientOptions.BaseAddress.Port);

        var webSidecar = Emulator[DaprNames.WebAppId];
        _web = new WebApplicationFactory<WebAssemblyMarker>().WithWebHostBuilder(web =>
        {
            TodoSidecars.ConfigureApp(web, webSidecar);
            web.UseEnvironment(Environment);
            web.ConfigureTestServices(ConfigureWebServices);
        });
        _web.UseKestrel(0);
        _web.StartServer();
        webSidecar.ConnectApp(_web.ClientOptions.BaseAddress.Port);
        WebAddress = _web.ClientOptions.BaseAddress;

        await TodoSidecars.WaitUntilHealthyAsync(Emulator);
    }

    /// <summary>todo-web's own services (its BackendClient, LiveEventNotifier), for tests that work beside its circuits.</summary>
    public IServiceProvider WebServices => _web!.Services;

    /// <summary>A browser-like client of todo-web: no redirects followed, cookies kept by the caller.</summary>
    public HttpClient Browser() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = WebAddress,
    };

    public async Task DisposeAsync()
    {
        _web?.Dispose();
        _backend?.Dispose();
        await Emulator.DisposeAsync();
        _resources.Dispose();
    }
}
