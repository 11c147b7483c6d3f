using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.DaprEmulator.Hosting;

namespace Todo.Testing;

/// <summary>
/// The start-up every test of the two real apps shares: the emulator as todo-backend's and todo-web's sidecars (an
/// in-memory state store, the given pub/sub, a local-file secret store holding a fresh token signing key), the
/// settings an app gets beside its sidecar, and the wait until both sidecars are ready. The fixtures keep what differs:
/// how each app is hosted and what else runs beside it.
/// </summary>
public static class TodoSidecars
{
    public static Task<DaprEmulatorHost> StartAsync(TempResources resources, string pubSubYaml, SidecarOptions backend, SidecarOptions web) =>
        StartAsync(resources, [("pubsub.yaml", pubSubYaml)], backend, [web]);

    /// <summary>
    /// As above with pub/sub components of its own (file name, YAML), for example the Kubernetes pair `pubsub` and
    /// `pubsub-web`, and any number of todo-web replicas (each with its own pod name).
    /// </summary>
    public static async Task<DaprEmulatorHost> StartAsync(
        TempResources resources, IReadOnlyList<(string File, string Yaml)> pubSubs, SidecarOptions backend, IReadOnlyList<SidecarOptions> webs)
    {
        resources.Write("statestore.yaml", ComponentYaml.InMemoryStateStore);
        foreach (var (file, yaml) in pubSubs)
        {
            resources.Write(file, yaml);
        }

        resources.Write("secretstore.yaml", ComponentYaml.LocalFileSecretStore("secrets.json"));
        resources.Write("secrets.json", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [UserTokenDefaults.SigningKeySecretName] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }));

        return await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [resources.Directory],
            WorkingDirectory = resources.Directory,
            Apps = [backend, .. webs],
        });
    }

    /// <summary>
    /// What the Dapr CLI gives an app beside its sidecar (APP_ID, the sidecar's endpoints, and the tokens where the
    /// sidecar has them), quiet logs, and a free loopback port (a fixture may name a fixed one after this).
    /// </summary>
    public static void ConfigureApp(IWebHostBuilder web, Sidecar sidecar)
    {
        web.UseSetting("APP_ID", sidecar.AppId);
        web.UseSetting("DAPR_HTTP_ENDPOINT", sidecar.HttpEndpoint.ToString());
        web.UseSetting("DAPR_GRPC_ENDPOINT", sidecar.GrpcEndpoint.ToString());
        if (sidecar.Options.DaprApiToken is { } daprApiToken)
        {
            web.UseSetting("DAPR_API_TOKEN", daprApiToken);
        }

        if (sidecar.Options.AppApiToken is { } appApiToken)
        {
            web.UseSetting("APP_API_TOKEN", appApiToken);
        }

        web.UseSetting("Logging:LogLevel:Default", "Warning");
        web.UseUrls("http://127.0.0.1:0");
    }

    public static async Task WaitUntilHealthyAsync(DaprEmulatorHost emulator)
    {
        await SidecarHealth.WaitUntilHealthyAsync(emulator[DaprNames.BackendAppId]);
        await SidecarHealth.WaitUntilHealthyAsync(emulator[DaprNames.WebAppId]);
    }
}
