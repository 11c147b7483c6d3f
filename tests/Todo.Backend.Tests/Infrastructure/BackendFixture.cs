using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.DaprEmulator.Hosting;
using Todo.ServiceDefaults.Auth;

namespace Todo.Backend.Tests.Infrastructure;

/// <summary>
/// The real backend on Kestrel (loopback, port 0) behind an emulator sidecar, plus a caller sidecar ("todo-web") whose
/// invoke API the tests use, exactly as todo-web reaches the backend, and a probe app that records every event
/// published to task-events and reminders.
/// </summary>
public sealed class BackendFixture : IAsyncLifetime
{
    private readonly TempResources _resources = new();
    private WebApplicationFactory<Program>? _factory;
    private readonly List<WebApplicationFactory<Program>> _replicas = [];
    private TestApp? _probe;

    public DaprEmulatorHost Emulator { get; private set; } = default!;

    public SymmetricSecurityKey SigningKey { get; } = new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Every CloudEvent the probe received, by topic.</summary>
    public ConcurrentQueue<ReceivedEvent> Events { get; } = new();

    public event Action? EventReceived;

    /// <summary>APP_API_TOKEN of the backend's sidecar and the backend; every run mode has one.</summary>
    public string AppApiToken { get; init; } = $"app-token-{Guid.NewGuid():N}";

    /// <summary>The daprd release the emulator imitates.</summary>
    public DaprVersion DaprVersion { get; init; } = DaprVersion.V1_18;

    /// <summary>What state store backs the backend; SQLite lets tests restart the stack on the same data.</summary>
    public string StateStoreYaml { get; init; } = ComponentYaml.InMemoryStateStore;

    /// <summary>Extra service registrations for the backend (e.g. a scripted chat model), applied after the app's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Extra settings for the backend (configuration key → value).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// How many backend pods: one sidecar (pod <c>todo-backend-N</c>) and one backend process each behind the one app
    /// id, as a Deployment with that many replicas runs them (invocations and job triggers are spread over the pods).
    /// </summary>
    public int Pods { get; init; } = 1;

    /// <summary>With <see cref="Pods"/> above 1: which pod served each request to the backend (pod name, path).</summary>
    public ConcurrentQueue<(string Pod, string Path)> Served { get; } = new();

    /// <summary>The backend's own Kestrel address (loopback), for clients that talk to it directly, like MCP clients.</summary>
    public Uri BackendAddress => _factory!.ClientOptions.BaseAddress;

    public async Task InitializeAsync()
    {
        _resources.Write("statestore.yaml", StateStoreYaml);
        _resources.Write("pubsub.yaml", ComponentYaml.Component("pubsub", "pubsub.in-memory", ("retryInitialInterval", "50ms")));
        _resources.Write("secretstore.yaml", ComponentYaml.LocalFileSecretStore("secrets.json"));
        _resources.Write("secrets.json", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [UserTokenDefaults.SigningKeySecretName] = Convert.ToBase64String(SigningKey.Key),
        }));
        await StartStackAsync();
    }

    /// <summary>
    /// Stops the backend, the probe and the emulator, then starts them again on the same resources folder (new ports),
    /// as after a crash or a redeploy. Only a persistent state store (SQLite) keeps data across it.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopStackAsync();
        await StartStackAsync();
    }

    /// <summary>The folder holding the component files, and the SQLite state file when the state store is SQLite.</summary>
    public string ResourcesDirectory => _resources.Directory;

    private async Task StopStackAsync()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        _replicas.Clear();
        _factory?.Dispose();
        _factory = null;
        if (_probe is not null)
        {
            await _probe.DisposeAsync();
            _probe = null;
        }

        await Emulator.DisposeAsync();
    }

    private async Task StartStackAsync()
    {
        Emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [_resources.Directory],
            WorkingDirectory = _resources.Directory,
            DaprVersion = DaprVersion,
            Apps =
            [
                .. Pods == 1
                    ? [new SidecarOptions { AppId = DaprNames.BackendAppId, AppApiToken = AppApiToken }]
                    : Enumerable.Range(0, Pods).Select(i => new SidecarOptions { AppId = DaprNames.BackendAppId, AppApiToken = AppApiToken, PodName = $"todo-backend-{i}" }),
                new SidecarOptions { AppId = DaprNames.WebAppId },
                new SidecarOptions { AppId = "event-probe" },
            ],
        });

        _probe = await TestApp.StartAsync(MapProbe);
        Emulator["event-probe"].ConnectApp(_probe.Port);

        foreach (var backendSidecar in Emulator.Sidecars.Instances(DaprNames.BackendAppId))
        {
            var backend = CreateBackend(backendSidecar);
            backend.UseKestrel();
            backend.StartServer();
            if (_factory is null)
            {
                _factory = backend;
            }
            else
            {
                _replicas.Add(backend);
            }

            backendSidecar.ConnectApp(backend.ClientOptions.BaseAddress.Port);
            await SidecarHealth.WaitUntilHealthyAsync(backendSidecar);
        }

        await SidecarHealth.WaitUntilHealthyAsync(Emulator["event-probe"]);
    }

    /// <summary>
    /// Starts one more backend replica on the same sidecar and state (as a second pod would share the store) and
    /// returns a client that calls it directly; it stops with the fixture.
    /// </summary>
    public HttpClient StartReplica()
    {
        var replica = CreateBackend();
        replica.UseKestrel();
        replica.StartServer();
        lock (_replicas)
        {
            _replicas.Add(replica);
        }

        return new HttpClient { BaseAddress = replica.ClientOptions.BaseAddress };
    }

    private WebApplicationFactory<Program> CreateBackend(Sidecar? sidecar = null)
    {
        var backendSidecar = sidecar ?? Emulator[DaprNames.BackendAppId];
        return new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("DAPR_HTTP_ENDPOINT", backendSidecar.HttpEndpoint.ToString());
            web.UseSetting("DAPR_GRPC_ENDPOINT", backendSidecar.GrpcEndpoint.ToString());
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseSetting("APP_API_TOKEN", AppApiToken);

            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            if (ConfigureServices is { } configure)
            {
                web.ConfigureTestServices(configure);
            }

            if (backendSidecar.Options.PodName is { } pod)
            {
                web.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new ServedByPod(pod, Served)));
            }
        });
    }

    /// <summary>A direct client of the backend process of pod <paramref name="pod"/> (from 0), as the runtime calls it.</summary>
    public HttpClient DirectToPod(int pod) => new()
    {
        BaseAddress = (pod == 0 ? _factory! : _replicas[pod - 1]).ClientOptions.BaseAddress,
    };

    /// <summary>Notes which pod served each request.</summary>
    private sealed class ServedByPod(string pod, ConcurrentQueue<(string Pod, string Path)> served) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) =>
            {
                served.Enqueue((pod, context.Request.Path.Value ?? ""));
                return inner(context);
            });
            next(app);
        };
    }

    /// <summary>A client that calls the backend directly, bypassing every sidecar.</summary>
    public HttpClient Direct() => new() { BaseAddress = _factory!.ClientOptions.BaseAddress };

    /// <summary>A client that calls the backend the way the Dapr runtime delivers events and job triggers: directly, with the app token.</summary>
    public HttpClient AsRuntime()
    {
        var client = Direct();
        client.DefaultRequestHeaders.Add("dapr-api-token", AppApiToken);
        return client;
    }

    /// <summary>A client that calls the backend through the todo-web sidecar, without credentials.</summary>
    public HttpClient Anonymous() => new()
    {
        BaseAddress = new Uri(Emulator[DaprNames.WebAppId].HttpEndpoint, $"/v1.0/invoke/{DaprNames.BackendAppId}/method/"),
    };

    /// <summary>
    /// A client carrying a fresh user token for <paramref name="user"/>, with its session stamp (as todo-web signs it
    /// from the cookie).
    /// </summary>
    public HttpClient As(UserProfile user)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", UserTokenFor(user));
        return client;
    }

    public string UserTokenFor(UserProfile user) =>
        UserTokenIssuer.Issue(SigningKey, user.UserId, user.Username, DateTimeOffset.UtcNow, sessionStamp: user.SessionStamp);

    /// <summary>Registers a new user with a unique name and returns a signed-in client for them.</summary>
    public async Task<(UserProfile User, HttpClient Client)> NewUserAsync(string timeZone = "UTC")
    {
        using var anonymous = Anonymous();
        var username = $"u{Guid.NewGuid():N}"[..24];
        using var response = await anonymous.PostAsJsonAsync("api/accounts/register",
            new RegisterRequest(username, "correct horse battery", null, timeZone));
        response.EnsureSuccessStatusCode();
        var user = (await response.Content.ReadFromJsonAsync<UserProfile>(TodoJson.Options))!;
        return (user, As(user));
    }

    /// <summary>Waits for an event matching <paramref name="predicate"/> (already received or arriving).</summary>
    public async Task<ReceivedEvent> WaitForEventAsync(Func<ReceivedEvent, bool> predicate, TimeSpan? timeout = null)
    {
        var arrived = new TaskCompletionSource<ReceivedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            foreach (var received in Events)
            {
                if (predicate(received))
                {
                    arrived.TrySetResult(received);
                }
            }
        }

        EventReceived += Check;
        try
        {
            Check();
            return await arrived.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        finally
        {
            EventReceived -= Check;
        }
    }

    public async Task DisposeAsync()
    {
        await StopStackAsync();
        _resources.Dispose();
    }

    private void MapProbe(WebApplication app)
    {
        app.MapGet("/dapr/subscribe", () => Results.Json(new object[]
        {
            new { pubsubname = DaprNames.PubSub, topic = DaprNames.TaskEventsTopic, route = "events/task-events" },
            new { pubsubname = DaprNames.PubSub, topic = DaprNames.RemindersTopic, route = "events/reminders" },
            new { pubsubname = DaprNames.PubSub, topic = DaprNames.ProjectEventsTopic, route = "events/project-events" },
        }));
        app.MapPost("/events/{topic}", async (string topic, HttpRequest request) =>
        {
            var envelope = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            Events.Enqueue(new ReceivedEvent(topic, envelope, DateTimeOffset.UtcNow) { TraceParent = request.Headers["traceparent"].ToString() });
            EventReceived?.Invoke();
            return Results.Ok();
        });
    }
}

/// <summary>A CloudEvent the probe app received, and when.</summary>
public sealed record ReceivedEvent(string Topic, JsonElement Envelope, DateTimeOffset ReceivedAt)
{
    /// <summary>The traceparent header the delivery came with.</summary>
    public string TraceParent { get; init; } = "";

    public string Type => Envelope.GetProperty("type").GetString()!;

    public string Id => Envelope.GetProperty("id").GetString()!;

    public JsonElement Data => Envelope.GetProperty("data");

    public bool IsAbout(string taskId) =>
        (Data.TryGetProperty("task", out var task) && task.GetProperty("id").GetString() == taskId) ||
        (Data.TryGetProperty("taskId", out var id) && id.GetString() == taskId);
}
