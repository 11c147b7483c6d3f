using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;
using static Todo.DaprEmulator.Tests.Components.LoadKit;

namespace Todo.DaprEmulator.Tests.Components;

public sealed class ComponentLoadingTests
{
    [Fact]
    public async Task ASecretKeyRefIsResolvedThroughAuthSecretStoreAndTheComponentUsesIt()
    {
        await using var emulator = await EmulatorFixture.StartAsync(
        [
            ("secrets.json", """{"sqlite":{"path":"from-secret.db"}}"""),
            ("secrets.yaml", Component("vault", "secretstores.local.file", "- name: secretsFile\n  value: secrets.json")),
            ("state.yaml", Component("statestore", "state.sqlite",
                "- name: connectionString\n  secretKeyRef:\n    name: sqlite:path\n    key: sqlite:path", "auth:\n  secretStore: vault")),
        ]);
        using var client = emulator.Client();

        await client.SaveStateAsync("statestore", "k", "v");

        Assert.Equal("from-secret.db", emulator.Host.Components.Find("statestore", "app-a")!.ResolvedMetadata["connectionString"]);
        Assert.True(File.Exists(Path.Combine(emulator.Resources.Directory, "from-secret.db")));
        Assert.Equal("v", await client.GetStateAsync<string>("statestore", "k"));
    }

    [Fact]
    public async Task AnEnvRefIsReadFromTheEnvironment()
    {
        var variable = "TODO_EMULATOR_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-env");
        try
        {
            await using var emulator = await EmulatorFixture.StartAsync(
                [("state.yaml", Component("statestore", "state.in-memory", $"- name: someSetting\n  envRef: {variable}"))]);

            Assert.Equal("from-env", emulator.Host.Components.Find("statestore", "app-a")!.ResolvedMetadata["someSetting"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task AComponentWithIgnoreErrorsThatFailsIsLeftOutAndTheRestLoads()
    {
        await using var emulator = await EmulatorFixture.StartAsync(
        [
            ("secrets.yaml", Component("vault", "secretstores.local.file", "- name: secretsFile\n  value: missing.json", "  ignoreErrors: true")),
            ("state.yaml", Component("statestore", "state.in-memory")),
        ]);

        Assert.Null(emulator.Host.Components.Find("vault", "app-a"));
        Assert.NotNull(emulator.Host.Components.Find("statestore", "app-a"));
        var metadata = await emulator.Client().GetMetadataAsync();
        Assert.DoesNotContain(metadata.Components, c => c.Name == "vault");
    }

    [Fact]
    public async Task AComponentOfAnUnknownTypeWithIgnoreErrorsIsLeftOut()
    {
        await using var emulator = await EmulatorFixture.StartAsync(
        [
            ("cache.yaml", Component("cache", "state.redis", "- name: redisHost\n  value: localhost:6379", "  ignoreErrors: true")),
            ("state.yaml", Component("statestore", "state.in-memory")),
        ]);

        Assert.Null(emulator.Host.Components.Find("cache", "app-a"));
        Assert.NotNull(emulator.Host.Components.Find("statestore", "app-a"));
    }

    [Fact]
    public async Task AScopedComponentExistsOnlyForTheAppsInItsScopes()
    {
        await using var emulator = await EmulatorFixture.StartAsync(
            [("state.yaml", Component("statestore", "state.in-memory", extra: "scopes:\n- app-b"))],
            [new SidecarOptions { AppId = "app-a" }, new SidecarOptions { AppId = "app-b" }]);
        using var clientA = emulator.Client("app-a");
        using var clientB = emulator.Client("app-b");

        await clientB.SaveStateAsync("statestore", "k", "v");
        var error = await Assert.ThrowsAsync<Dapr.DaprException>(() => clientA.SaveStateAsync("statestore", "k", "v"));

        Assert.Null(emulator.Host.Components.Find("statestore", "app-a"));
        Assert.NotNull(emulator.Host.Components.Find("statestore", "app-b"));
        Assert.IsType<Grpc.Core.RpcException>(error.InnerException);
    }

    [Fact]
    public async Task SeveralDocumentsInOneFileAllLoadAndOtherKindsAreSkipped()
    {
        const string manyDocuments = """
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata:
              name: appconfig
            spec:
              tracing:
                samplingRate: "1"
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: state-one
            spec:
              type: state.in-memory
              version: v1
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: resiliency
            spec:
              policies: {}
            ---
            apiVersion: dapr.io/v1alpha1
            kind: HTTPEndpoint
            metadata:
              name: external
            spec:
              baseUrl: http://localhost:1
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: state-two
            spec:
              type: state.in-memory
              version: ""
            """;
        await using var emulator = await EmulatorFixture.StartAsync([("all.yaml", manyDocuments), ("notes.txt", "not: [yaml")]);

        Assert.Equal(["state-one", "state-two"], emulator.Host.Components.All.Select(c => c.Definition.Name).Order());
        Assert.Equal("v1", emulator.Host.Components.Find("state-two", "app-a")!.Definition.Version);
    }

    [Fact]
    public async Task SubfoldersOfAResourcesFolderAreNotRead()
    {
        using var resources = new TempResources();
        resources.Write("state.yaml", Component("statestore", "state.in-memory"));
        Directory.CreateDirectory(Path.Combine(resources.Directory, "nested"));
        resources.Write(Path.Combine("nested", "broken.yaml"), "kind: [unclosed");

        await using var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions { ResourcesPaths = [resources.Directory], WorkingDirectory = resources.Directory });

        Assert.Single(host.Components.All);
    }

    [Fact]
    public async Task TheRepositorysLocalComponentsFolderLoads()
    {
        using var scratch = new TempResources();
        // The YAML's relative paths (../../.dapr/...) resolve against the app directory src/<App>, as under `dapr run -f`.
        var appDirectory = Path.Combine(scratch.Directory, "src", "Todo.Backend");
        Directory.CreateDirectory(appDirectory);
        Directory.CreateDirectory(Path.Combine(scratch.Directory, ".dapr"));
        scratch.Write(Path.Combine(".dapr", "secrets.json"), """{"todo-secrets":{"token-signing-key":"local-key"}}""");

        await using var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [RepoRoot.Combine("dapr-components", "local")],
            WorkingDirectory = appDirectory,
            Apps = [new SidecarOptions { AppId = "todo-backend" }, new SidecarOptions { AppId = "todo-web" }],
        });
        using var backend = new Dapr.Client.DaprClientBuilder().UseGrpcEndpoint(host["todo-backend"].GrpcEndpoint.ToString()).Build();
        using var web = new Dapr.Client.DaprClientBuilder().UseGrpcEndpoint(host["todo-web"].GrpcEndpoint.ToString()).Build();

        await backend.SaveStateAsync("statestore", "probe", "ok");
        var secret = await web.GetSecretAsync("secretstore", "todo-secrets:token-signing-key");
        var backendComponents = (await backend.GetMetadataAsync()).Components.Select(c => c.Name).Order();
        var webComponents = (await web.GetMetadataAsync()).Components.Select(c => c.Name).Order();

        Assert.Equal(["pubsub", "secretstore", "statestore"], backendComponents);
        // todo-web has the state store too (for its data-protection key ring), with its keys apart: the default
        // keyPrefix appid stores the backend's probe as todo-backend||probe.
        Assert.Equal(["pubsub", "secretstore", "statestore"], webComponents);
        Assert.Equal("local-key", secret["todo-secrets:token-signing-key"]);
        Assert.True(File.Exists(Path.Combine(scratch.Directory, ".dapr", "todo.db")));
        Assert.Equal("ok", await backend.GetStateAsync<string>("statestore", "probe"));
        Assert.Null(await web.GetStateAsync<string>("statestore", "probe"));
    }
}
