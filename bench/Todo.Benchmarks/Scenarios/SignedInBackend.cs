using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;
using Todo.Backend;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.DaprEmulator.Hosting;
using Todo.ServiceDefaults.Auth;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// todo-backend behind its emulator sidecar on the SQLite store of <see cref="TasksScenario"/>, with one registered
/// user and two clients signed in as them: through a caller's sidecar (as todo-web calls it) and straight to the app.
/// </summary>
internal sealed class SignedInBackend : IAsyncDisposable
{
    private SignedInBackend(DaprEmulatorHost emulator, WebApplicationFactory<BackendAssemblyMarker> app, HttpClient viaSidecar, HttpClient direct,
        UserProfile user, SymmetricSecurityKey key)
    {
        (Emulator, App, ViaSidecar, Direct, User, Key) = (emulator, app, viaSidecar, direct, user, key);
    }

    public DaprEmulatorHost Emulator { get; }

    public WebApplicationFactory<BackendAssemblyMarker> App { get; }

    public Sidecar Sidecar => Emulator[DaprNames.BackendAppId];

    public HttpClient ViaSidecar { get; }

    public HttpClient Direct { get; }

    public UserProfile User { get; }

    public SymmetricSecurityKey Key { get; }

    public static async Task<SignedInBackend> StartAsync(string folder)
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        TasksScenario.WriteComponents(folder, key);
        var emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [folder],
            WorkingDirectory = folder,
            Apps = [new SidecarOptions { AppId = DaprNames.BackendAppId }, new SidecarOptions { AppId = "bench-caller" }],
        });
        var app = BenchHost.Start<BackendAssemblyMarker>(emulator[DaprNames.BackendAppId], "Todo.Backend");
        var http = new HttpClient { BaseAddress = new Uri(emulator["bench-caller"].HttpEndpoint, $"/v1.0/invoke/{DaprNames.BackendAppId}/method/") };
        await BenchHost.WaitUntilReadyAsync(http, "health");
        var user = await TasksScenario.RegisterAsync(http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            UserTokenIssuer.Issue(key, user.UserId, user.Username, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var direct = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress };
        direct.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        return new SignedInBackend(emulator, app, http, direct, user, key);
    }

    public async ValueTask DisposeAsync()
    {
        ViaSidecar.Dispose();
        Direct.Dispose();
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
