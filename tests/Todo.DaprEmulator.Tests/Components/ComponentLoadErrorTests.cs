using static Todo.DaprEmulator.Tests.Components.LoadKit;

namespace Todo.DaprEmulator.Tests.Components;

public sealed class ComponentLoadErrorTests
{
    [Fact]
    public async Task AnUnknownComponentTypeStopsStartUpNamingFileComponentAndType()
    {
        var error = await FailureAsync(("cache.yaml", Component("cache", "state.redis", "- name: redisHost\n  value: localhost:6379")));

        Assert.Contains("cache.yaml", error.Message);
        Assert.Contains("'cache'", error.Message);
        Assert.Contains("state.redis", error.Message);
        Assert.Contains("unknown component type", error.Message);
    }

    [Fact]
    public async Task MissingRequiredMetadataStopsStartUpNamingTheField()
    {
        var error = await FailureAsync(("secrets.yaml", Component("vault", "secretstores.local.file", "- name: nestedSeparator\n  value: \":\"")));

        Assert.Contains("secrets.yaml", error.Message);
        Assert.Contains("'vault'", error.Message);
        Assert.Contains("'secretsFile'", error.Message);
    }

    [Fact]
    public async Task AMissingSecretsFileStopsStartUpNamingThePath()
    {
        var error = await FailureAsync(("secrets.yaml", Component("vault", "secretstores.local.file", "- name: secretsFile\n  value: nowhere/secrets.json")));

        Assert.Contains("secrets.yaml", error.Message);
        Assert.Contains("'vault'", error.Message);
        Assert.Contains("nowhere/secrets.json", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task InvalidYamlStopsStartUpNamingTheFileAndLine()
    {
        var error = await FailureAsync(("broken.yaml", "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n"));

        Assert.Contains("broken.yaml", error.Message);
        Assert.Contains("invalid YAML", error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public async Task TwoComponentsWithTheSameNameStopStartUpNamingBothFiles()
    {
        var error = await FailureAsync(
            ("one.yaml", Component("statestore", "state.in-memory")),
            ("two.yaml", Component("statestore", "state.in-memory")));

        Assert.Contains("'statestore'", error.Message);
        Assert.Contains("one.yaml", error.Message);
        Assert.Contains("two.yaml", error.Message);
    }

    [Fact]
    public async Task VersionV2OfAComponentIsNotSupported()
    {
        var error = await FailureAsync(("state.yaml", Component("statestore", "state.in-memory", version: "v2")));

        Assert.Contains("state.yaml", error.Message);
        Assert.Contains("'statestore'", error.Message);
        Assert.Contains("'v2'", error.Message);
    }

    [Theory]
    [InlineData("DAPR_API_TOKEN")]
    [InlineData("DAPR_HTTP_PORT")]
    [InlineData("APP_API_TOKEN")]
    public async Task AnEnvRefToADaprVariableIsRefused(string variable)
    {
        var error = await FailureAsync(("state.yaml", Component("statestore", "state.in-memory", $"- name: secretish\n  envRef: {variable}")));

        Assert.Contains("state.yaml", error.Message);
        Assert.Contains("'statestore'", error.Message);
        Assert.Contains(variable, error.Message);
    }

    [Fact]
    public async Task ASecretKeyRefToAMissingKeyStopsStartUpNamingTheKeyAndStore()
    {
        var error = await FailureAsync(
            ("secrets.json", """{"present":"x"}"""),
            ("secrets.yaml", Component("vault", "secretstores.local.file", "- name: secretsFile\n  value: secrets.json")),
            ("state.yaml", Component("statestore", "state.sqlite",
                "- name: connectionString\n  secretKeyRef:\n    name: absent\n    key: absent", "auth:\n  secretStore: vault")));

        Assert.Contains("state.yaml", error.Message);
        Assert.Contains("'statestore'", error.Message);
        Assert.Contains("'absent'", error.Message);
        Assert.Contains("'vault'", error.Message);
    }

    [Fact]
    public async Task ASecretKeyRefThroughAnUnknownSecretStoreStopsStartUp()
    {
        var error = await FailureAsync(("state.yaml", Component("statestore", "state.sqlite",
            "- name: connectionString\n  secretKeyRef:\n    name: db\n    key: db", "auth:\n  secretStore: no-such-store")));

        Assert.Contains("state.yaml", error.Message);
        Assert.Contains("'statestore'", error.Message);
        Assert.Contains("no-such-store", error.Message);
    }

    [Fact]
    public async Task AResourcesFolderThatDoesNotExistStopsStartUp()
    {
        var missing = Path.Combine(Path.GetTempPath(), "todo-emulator-tests", Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<Todo.DaprEmulator.Components.ComponentLoadException>(() =>
            Todo.DaprEmulator.Hosting.DaprEmulatorHost.StartAsync(new Todo.DaprEmulator.Hosting.EmulatorOptions { ResourcesPaths = [missing] }));

        Assert.Contains(missing, error.Message);
    }
}
