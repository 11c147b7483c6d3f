using System.Text.Json;
using Dapr.Client;
using Todo.Contracts;
using Todo.DaprEmulator.Hosting;

namespace Todo.Backend.Tests.Infrastructure;

/// <summary>
/// An emulator sidecar whose <c>secretstore</c> serves <c>todo-secrets</c> with several keys, as
/// secretstores.kubernetes does (secretstores.local.file with <c>multiValued: true</c>).
/// </summary>
public sealed class MultiKeySecretStore : IAsyncDisposable
{
    private readonly TempResources _resources;
    private readonly DaprEmulatorHost _emulator;

    private MultiKeySecretStore(TempResources resources, DaprEmulatorHost emulator, DaprClient dapr)
    {
        _resources = resources;
        _emulator = emulator;
        Dapr = dapr;
    }

    public DaprClient Dapr { get; }

    public static async Task<MultiKeySecretStore> StartAsync(IReadOnlyDictionary<string, string> todoSecrets)
    {
        var resources = new TempResources();
        resources.Write("secretstore.yaml", ComponentYaml.Component("secretstore", "secretstores.local.file",
            ("secretsFile", "secrets.json"), ("multiValued", "true")));
        resources.Write("secrets.json", JsonSerializer.Serialize(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["todo-secrets"] = todoSecrets }));
        var emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [resources.Directory],
            WorkingDirectory = resources.Directory,
            Apps = [new SidecarOptions { AppId = DaprNames.BackendAppId }],
        });
        var sidecar = emulator[DaprNames.BackendAppId];
        var dapr = new DaprClientBuilder()
            .UseHttpEndpoint(sidecar.HttpEndpoint.ToString())
            .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString())
            .Build();
        return new MultiKeySecretStore(resources, emulator, dapr);
    }

    public void Write(IReadOnlyDictionary<string, string> todoSecrets) =>
        _resources.Write("secrets.json", JsonSerializer.Serialize(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["todo-secrets"] = todoSecrets }));

    public async ValueTask DisposeAsync()
    {
        Dapr.Dispose();
        await _emulator.DisposeAsync();
        _resources.Dispose();
    }
}
