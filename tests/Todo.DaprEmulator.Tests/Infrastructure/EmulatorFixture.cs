using Dapr.Client;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Tests.Infrastructure;

/// <summary>Starts an emulator on free loopback ports with the given YAML and hands out official Dapr clients.</summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(DaprEmulatorHost host, TempResources resources)
    {
        Host = host;
        Resources = resources;
    }

    public DaprEmulatorHost Host { get; }

    public TempResources Resources { get; }

    public static async Task<EmulatorFixture> StartAsync(
        IEnumerable<(string File, string Yaml)> files,
        IEnumerable<SidecarOptions>? apps = null,
        TimeProvider? timeProvider = null,
        DaprVersion? daprVersion = null,
        string? @namespace = null,
        string? kubernetesSecretsFile = null)
    {
        var resources = new TempResources();
        foreach (var (file, yaml) in files)
        {
            resources.Write(file, yaml.Replace("{dir}", resources.Directory, StringComparison.Ordinal));
        }

        var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [resources.Directory],
            WorkingDirectory = resources.Directory,
            Apps = (apps ?? [new SidecarOptions { AppId = "app-a" }]).ToList(),
            DaprVersion = daprVersion ?? DaprVersion.V1_18,
            Namespace = @namespace,
            KubernetesSecretsFile = kubernetesSecretsFile is null ? null : Path.Combine(resources.Directory, kubernetesSecretsFile),
        }, timeProvider: timeProvider);
        return new EmulatorFixture(host, resources);
    }

    /// <summary>An official DaprClient pointed at one sidecar (gRPC for everything but invoke and health).</summary>
    public DaprClient Client(string appId = "app-a", string? apiToken = null)
    {
        var sidecar = Host[appId];
        var builder = new DaprClientBuilder()
            .UseHttpEndpoint(sidecar.HttpEndpoint.ToString())
            .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString());
        if (apiToken is not null)
        {
            builder.UseDaprApiToken(apiToken);
        }

        return builder.Build();
    }

    /// <summary>A raw HTTP client on a sidecar's HTTP API.</summary>
    public HttpClient Http(string appId = "app-a") => new() { BaseAddress = Host[appId].HttpEndpoint };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Resources.Dispose();
    }
}
