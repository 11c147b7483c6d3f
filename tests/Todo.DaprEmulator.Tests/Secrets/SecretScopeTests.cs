using System.Net;
using Dapr;
using Grpc.Core;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;
using Todo.DaprEmulator.Tests.Errors;

namespace Todo.DaprEmulator.Tests.Secrets;

/// <summary>
/// Secret scopes of a Configuration (dapr/dapr v1.18.3 pkg/api/universal/secrets.go, isSecretAllowed; the rules in
/// pkg/config/configuration.go, SecretsScope.IsSecretAllowed; the refusal ErrSecretPermissionDenied in
/// pkg/messages/predefined.go: 403 ERR_PERMISSION_DENIED, gRPC PermissionDenied).
/// </summary>
public sealed class SecretScopeTests
{
    private const string SecretsJson = """{"signing-key":"abc","llm-key":"sk","db-password":"p"}""";

    private static readonly string Stores = ComponentYaml.Join(
        ComponentYaml.LocalFileSecretStore("secrets.json"),
        ComponentYaml.Component("openstore", "secretstores.local.file", ("secretsFile", "secrets.json")));

    private static string Scoped(string scope) => ComponentYaml.Configuration("scoped", $"""
          secrets:
            scopes:
              - storeName: secretstore
        {scope}
        """);

    private static readonly string AllowList = Scoped("""
                defaultAccess: allow
                allowedSecrets: ["signing-key", "llm-key"]
                deniedSecrets: ["signing-key"]
        """);

    [Fact]
    public async Task ANameOutsideAllowedSecretsIs403PermissionDeniedOverHttpEvenThoughItExists()
    {
        await using var emulator = await StartAsync(AllowList);
        using var http = emulator.Http();

        using var response = await http.GetAsync("/v1.0/secrets/secretstore/db-password");

        await DaprErrorBody.AssertAsync(response, HttpStatusCode.Forbidden, "ERR_PERMISSION_DENIED",
            "access denied by policy to get \"db-password\" from \"secretstore\"");
    }

    [Fact]
    public async Task TheSdkGetsPermissionDeniedOverGrpcForAMissingNameToo()
    {
        await using var emulator = await StartAsync(AllowList);
        using var client = emulator.Client();

        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetSecretAsync("secretstore", "no-such-secret"));

        var status = Assert.IsType<RpcException>(error.InnerException).Status;
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Equal("access denied by policy to get \"no-such-secret\" from \"secretstore\"", status.Detail);
    }

    [Fact]
    public async Task AllowedSecretsDecideAloneOverDeniedSecrets()
    {
        await using var emulator = await StartAsync(AllowList);
        using var client = emulator.Client();

        Assert.Equal("abc", (await client.GetSecretAsync("secretstore", "signing-key"))["signing-key"]);
        Assert.Equal("sk", (await client.GetSecretAsync("secretstore", "llm-key"))["llm-key"]);
    }

    [Fact]
    public async Task BulkDropsTheRefusedSecretsSilentlyOverHttpAndGrpc()
    {
        await using var emulator = await StartAsync(AllowList);
        using var http = emulator.Http();
        using var client = emulator.Client();

        using var response = await http.GetAsync("/v1.0/secrets/secretstore/bulk");
        var bulk = await client.GetBulkSecretAsync("secretstore");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"llm-key":{"llm-key":"sk"},"signing-key":{"signing-key":"abc"}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(["llm-key", "signing-key"], bulk.Keys.Order());
    }

    [Fact]
    public async Task DeniedSecretsRefuseOnlyTheNamesTheyList()
    {
        await using var emulator = await StartAsync(Scoped("""
                deniedSecrets: ["db-password"]
        """));
        using var http = emulator.Http();

        using var denied = await http.GetAsync("/v1.0/secrets/secretstore/db-password");
        using var allowed = await http.GetAsync("/v1.0/secrets/secretstore/llm-key");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task DefaultAccessDenyRefusesEveryNameCaseInsensitively()
    {
        await using var emulator = await StartAsync(Scoped("""
                defaultAccess: Deny
        """));
        using var http = emulator.Http();

        using var response = await http.GetAsync("/v1.0/secrets/secretstore/signing-key");
        using var bulk = await http.GetAsync("/v1.0/secrets/secretstore/bulk");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{}", await bulk.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AStoreWithoutAScopeAndAnAppWithoutTheConfigurationReadEverything()
    {
        await using var emulator = await StartAsync(AllowList, withPlainApp: true);
        using var scoped = emulator.Http();
        using var plain = emulator.Http("app-plain");

        using var otherStore = await scoped.GetAsync("/v1.0/secrets/openstore/db-password");
        using var otherApp = await plain.GetAsync("/v1.0/secrets/secretstore/db-password");

        Assert.Equal(HttpStatusCode.OK, otherStore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherApp.StatusCode);
    }

    [Fact]
    public async Task AnUnknownStoreIsStill401BeforeAnyScopeIsConsulted()
    {
        await using var emulator = await StartAsync(Scoped("""
                defaultAccess: deny
        """).Replace("storeName: secretstore", "storeName: nope", StringComparison.Ordinal));
        using var http = emulator.Http();

        using var response = await http.GetAsync("/v1.0/secrets/nope/signing-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ERR_SECRET_STORE_NOT_FOUND", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("  - storeName: secretstore\n  - storeName: secretstore", "secretstore storeName is repeated in secrets configuration")]
    [InlineData("  - storeName: secretstore\n    defaultAccess: maybe", "defaultAccess maybe can be either allow or deny")]
    public async Task AnInvalidScopeStopsStartUpWithDaprdsMessage(string scopes, string message)
    {
        var configuration = ComponentYaml.Configuration("scoped", $"""
              secrets:
                scopes:
            {string.Join('\n', scopes.Split('\n').Select(l => "    " + l))}
            """);

        var error = await FailureAsync(configuration, "scoped");

        Assert.Contains(message, error.Message);
        Assert.Contains("config.yaml", error.Message);
    }

    [Fact]
    public async Task ASidecarNamingAConfigurationThatDoesNotExistDoesNotStart()
    {
        var error = await FailureAsync(AllowList, "todo-config");

        Assert.Contains("configuration todo-config not found", error.Message);
        Assert.Contains("app-a", error.Message);
    }

    private static Task<EmulatorFixture> StartAsync(string configuration, bool withPlainApp = false) =>
        EmulatorFixture.StartAsync(
            [("secrets.yaml", Stores), ("secrets.json", SecretsJson), ("config.yaml", configuration)],
            withPlainApp
                ? [new SidecarOptions { AppId = "app-a", ConfigName = "scoped" }, new SidecarOptions { AppId = "app-plain" }]
                : [new SidecarOptions { AppId = "app-a", ConfigName = "scoped" }]);

    private static async Task<ComponentLoadException> FailureAsync(string configuration, string configName)
    {
        using var resources = new TempResources();
        resources.Write("config.yaml", configuration);
        return await Assert.ThrowsAsync<ComponentLoadException>(async () =>
        {
            await using var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
            {
                ResourcesPaths = [resources.Directory],
                WorkingDirectory = resources.Directory,
                Apps = [new SidecarOptions { AppId = "app-a", ConfigName = configName }],
            });
        });
    }
}
