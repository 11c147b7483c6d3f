using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Tests.Configuration;

/// <summary>
/// How Configuration resources are found and when they stop start-up (dapr/dapr v1.18.3 pkg/runtime/config.go:
/// "error loading configuration" and the ParseAccessControlSpec error end daprd).
/// </summary>
public sealed class ConfigurationLoadingTests
{
    [Fact]
    public async Task AConfigurationNextToComponentsInOneFileIsPickedByName()
    {
        using var resources = new TempResources();
        resources.Write("all.yaml", ComponentYaml.Join(
            ComponentYaml.InMemoryStateStore,
            ComponentYaml.Configuration("first", "  accessControl:\n    trustDomain: corp"),
            ComponentYaml.Configuration("second", "  accessControl:\n    trustDomain: other")));

        await using var host = await StartAsync(resources, "second");

        Assert.Equal("second", host["app-a"].Configuration.Name);
        Assert.Equal("other", host["app-a"].Configuration.TrustDomain);
        Assert.Single(host.Components.All);
    }

    [Fact]
    public async Task ASidecarWithoutConfigNameGetsDaprdsDefaultConfiguration()
    {
        using var resources = new TempResources();
        resources.Write("config.yaml", ComponentYaml.Configuration("todo-config", "  accessControl:\n    defaultAction: deny"));

        await using var host = await StartAsync(resources, configName: null);

        Assert.Null(host["app-a"].Configuration.Name);
        Assert.Equal("allow", host["app-a"].Configuration.AccessControl!.DefaultAction);
    }

    [Fact]
    public async Task APolicyWithoutNamespaceStopsStartUpWithDaprdsMessage()
    {
        using var resources = new TempResources();
        resources.Write("config.yaml", ComponentYaml.Configuration("todo-config", """
              accessControl:
                defaultAction: deny
                policies:
                  - appId: todo-web
                    trustDomain: public
            """));

        var error = await Assert.ThrowsAsync<ComponentLoadException>(() => StartAsync(resources, "todo-config"));

        Assert.Contains("invalid access control spec. missing trustdomain for apps: [], missing namespace for apps: [todo-web]", error.Message);
    }

    [Fact]
    public async Task AScalarWhereTheCrdHasAListStopsStartUp()
    {
        using var resources = new TempResources();
        resources.Write("config.yaml", ComponentYaml.Configuration("todo-config", """
              accessControl:
                policies:
                  - appId: todo-web
                    trustDomain: public
                    namespace: todo
                    operations:
                      - name: /health
                        httpVerb: GET
                        action: allow
            """));

        var error = await Assert.ThrowsAsync<ComponentLoadException>(() => StartAsync(resources, "todo-config"));

        Assert.Contains("httpVerb must be a list", error.Message);
    }

    [Fact]
    public async Task TwoConfigurationsWithOneNameStopStartUp()
    {
        using var resources = new TempResources();
        resources.Write("a.yaml", ComponentYaml.Configuration("todo-config", "  accessControl: {}"));
        resources.Write("b.yaml", ComponentYaml.Configuration("todo-config", "  accessControl: {}"));

        var error = await Assert.ThrowsAsync<ComponentLoadException>(() => StartAsync(resources, null));

        Assert.Contains("'todo-config' is defined more than once", error.Message);
    }

    private static Task<DaprEmulatorHost> StartAsync(TempResources resources, string? configName) =>
        DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [resources.Directory],
            WorkingDirectory = resources.Directory,
            Apps = [new SidecarOptions { AppId = "app-a", ConfigName = configName }],
        });
}
