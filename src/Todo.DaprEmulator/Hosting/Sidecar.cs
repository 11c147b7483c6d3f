using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.GrpcApi;
using Todo.DaprEmulator.Metadata;

namespace Todo.DaprEmulator.Hosting;

/// <summary>
/// One app's sidecar: an HTTP API listener (HTTP/1.1) and a gRPC API listener (HTTP/2 cleartext) on separate ports,
/// as daprd has, plus the channel to the app.
/// </summary>
public sealed class Sidecar : IAsyncDisposable
{
    private readonly IServiceProvider _shared;
    private readonly EmulatorOptions _emulatorOptions;
    private WebApplication? _httpServer;
    private WebApplication? _grpcServer;

    internal Sidecar(SidecarOptions options, EmulatorOptions emulatorOptions, IServiceProvider shared)
    {
        Options = options;
        _emulatorOptions = emulatorOptions;
        _shared = shared;
        var loggerFactory = shared.GetRequiredService<ILoggerFactory>();
        Logger = loggerFactory.CreateLogger($"Todo.DaprEmulator.Sidecar.{options.AppId}");
        AppChannel = new AppChannel(options.AppChannelAddress, options.AppApiToken, Logger);
        Resiliency = shared.GetService<Resiliency.ResiliencyRegistry>()?.For(options.AppId)
            ?? new Resiliency.SidecarResiliency([], TimeProvider.System, Logger);
    }

    public string AppId => Options.AppId;

    public SidecarOptions Options { get; }

    public string? Namespace => _emulatorOptions.Namespace;

    /// <summary>The daprd release this sidecar imitates.</summary>
    public DaprVersion DaprVersion => _emulatorOptions.DaprVersion;

    public AppChannel AppChannel { get; }

    /// <summary>The Configuration this sidecar applies (secret scopes, access control, its trust domain).</summary>
    public Configuration.SidecarConfiguration Configuration =>
        _shared.GetRequiredService<Configuration.ConfigurationRegistry>().For(AppId);

    public ILogger Logger { get; }

    /// <summary>This sidecar's resiliency policies and circuit breakers (its own, as each daprd has).</summary>
    internal Resiliency.SidecarResiliency Resiliency { get; }

    public int HttpPort { get; private set; }

    public int GrpcPort { get; private set; }

    /// <summary>The value for the app's <c>DAPR_HTTP_ENDPOINT</c>.</summary>
    public Uri HttpEndpoint => new($"http://{_emulatorOptions.ListenAddress}:{HttpPort}");

    /// <summary>The value for the app's <c>DAPR_GRPC_ENDPOINT</c>.</summary>
    public Uri GrpcEndpoint => new($"http://{_emulatorOptions.ListenAddress}:{GrpcPort}");

    /// <summary>Values set through <c>PUT /v1.0/metadata/{key}</c>.</summary>
    public ConcurrentDictionary<string, string> ExtendedMetadata { get; } = new(StringComparer.Ordinal);

    /// <summary>The subscriptions in force for this app, as the metadata API lists them.</summary>
    public IReadOnlyList<SubscriptionInfo> Subscriptions { get; set; } = [];

    /// <summary>True once both API listeners accept connections (daprd's outbound health).</summary>
    public bool IsListening { get; private set; }

    /// <summary>Tells the sidecar where its app listens (when it was not known at start) and starts waiting for it.</summary>
    public void ConnectApp(int appPort) => AppChannel.Connect(appPort);

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_emulatorOptions.ListenAddress);
        _httpServer = BuildServer(address, Options.HttpPort, HttpProtocols.Http1, http: true);
        _grpcServer = BuildServer(address, Options.GrpcPort, HttpProtocols.Http2, http: false);
        await _httpServer.StartAsync(cancellationToken);
        await _grpcServer.StartAsync(cancellationToken);
        HttpPort = BoundPort(_httpServer);
        GrpcPort = BoundPort(_grpcServer);
        IsListening = true;
        Logger.LogInformation("Sidecar {AppId} listening: HTTP {HttpPort}, gRPC {GrpcPort}", AppId, HttpPort, GrpcPort);
        if (Options.AppPort is { } appPort)
        {
            ConnectApp(appPort);
        }
    }

    private WebApplication BuildServer(IPAddress address, int port, HttpProtocols protocols, bool http)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Sidecar).Assembly.GetName().Name,
            EnvironmentName = "Production",
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_shared.GetRequiredService<ILoggerFactory>());
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024; // daprd's default --max-body-size
            // daprd's HTTP server sets only ReadHeaderTimeout (dapr/dapr pkg/api/http/server.go): a body that stalls
            // waits for the client, it is not cut off at a minimum data rate as Kestrel does by default.
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(address, port, listen => listen.Protocols = protocols);
        });
        SharedServices.AddTo(builder.Services, _shared);
        builder.Services.AddSingleton(this);
        if (http)
        {
            builder.Services.AddRouting();
            var app = builder.Build();
            HttpApi.Configure(app);
            return app;
        }
        else
        {
            builder.Services.AddGrpc(grpc =>
            {
                // daprd caps both directions at --max-body-size, default 4 MiB (dapr/dapr pkg/api/grpc/server.go:
                // MaxRecvMsgSize and MaxSendMsgSize), so an oversized bulk read fails as it would in production.
                grpc.MaxReceiveMessageSize = 4 * 1024 * 1024;
                grpc.MaxSendMessageSize = 4 * 1024 * 1024;
                grpc.Interceptors.Add<ApiTokenInterceptor>();
                grpc.Interceptors.Add<DaprApiExceptionInterceptor>();
            });
            var app = builder.Build();
            app.MapGrpcService<DaprGrpcService>();
            return app;
        }
    }

    private static int BoundPort(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }

    public async ValueTask DisposeAsync()
    {
        IsListening = false;
        await AppChannel.DisposeAsync();
        if (_httpServer is not null)
        {
            await _httpServer.StopAsync();
            await _httpServer.DisposeAsync();
        }

        if (_grpcServer is not null)
        {
            await _grpcServer.StopAsync();
            await _grpcServer.DisposeAsync();
        }
    }
}
