using System.Net;
using System.Text;
using Dapr;
using Grpc.Core;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;
using Todo.DaprEmulator.Tests.Errors;

namespace Todo.DaprEmulator.Tests.Secrets;

/// <summary>
/// <c>secretstores.kubernetes</c> as components-contrib v1.18.4 secretstores/kubernetes/kubernetes.go answers
/// (GetSecret = every key of the Secret, BulkGetSecret = every Secret of the namespace, getNamespaceFromMetadata),
/// wrapped by daprd as pkg/api/universal/secrets.go does, over Secrets read from a file of manifests.
/// </summary>
public sealed class KubernetesSecretStoreTests
{
    private static readonly string Store = ComponentYaml.Component("secretstore", "secretstores.kubernetes");

    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    // What `kubectl get secret todo-secrets -n todo -o yaml` prints, then `kubectl get secrets -n other -o yaml` (a List).
    private static readonly string Manifests = $"""
        apiVersion: v1
        data:
          token-signing-key: {B64("signing-key-value")}
          llm-api-key: {B64("sk-llm")}
        kind: Secret
        metadata:
          creationTimestamp: "2026-11-02T10:00:00Z"
          name: todo-secrets
          namespace: todo
          resourceVersion: "4711"
          uid: 0d5b2f4e-7c1c-4a51-9d7e-0d0e0e0e0e0e
        type: Opaque
        ---
        apiVersion: v1
        items:
        - apiVersion: v1
          data:
            password: {B64("other-password")}
          kind: Secret
          metadata:
            name: db
            namespace: other
          type: Opaque
        - apiVersion: v1
          kind: Secret
          metadata:
            name: written-for-apply
            namespace: other
          data:
            mode: {B64("from-data")}
            kept: {B64("kept")}
          stringData:
            mode: from-stringData
        kind: List
        metadata:
          resourceVersion: ""
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: not-a-secret
          namespace: todo
        data:
          x: y
        """;

    [Fact]
    public async Task GetSecretReturnsEveryKeyOfTheSecretThroughTheSdk()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var secret = await client.GetSecretAsync("secretstore", "todo-secrets");

        Assert.Equal(new Dictionary<string, string> { ["llm-api-key"] = "sk-llm", ["token-signing-key"] = "signing-key-value" }, secret);
    }

    [Fact]
    public async Task GetSecretOverHttpIsTheKeyValueMapWithKeysSorted()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        using var response = await http.GetAsync("/v1.0/secrets/secretstore/todo-secrets");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"llm-api-key":"sk-llm","token-signing-key":"signing-key-value"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheNamespaceMetadataOfARequestReadsAnotherNamespaceOverHttpAndGrpc()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        using var client = emulator.Client();

        using var response = await http.GetAsync("/v1.0/secrets/secretstore/db?metadata.namespace=other");
        var secret = await client.GetSecretAsync("secretstore", "db", new Dictionary<string, string> { ["namespace"] = "other" });

        Assert.Equal("""{"password":"other-password"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("other-password", secret["password"]);
    }

    [Fact]
    public async Task StringDataIsMergedOverDataAsTheApiServerStoresIt()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var secret = await client.GetSecretAsync("secretstore", "written-for-apply", new Dictionary<string, string> { ["namespace"] = "other" });

        Assert.Equal(new Dictionary<string, string> { ["kept"] = "kept", ["mode"] = "from-stringData" }, secret);
    }

    [Fact]
    public async Task AMissingSecretIs500SecretGetWithTheApiServersNotFound()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        using var client = emulator.Client();

        using var response = await http.GetAsync("/v1.0/secrets/secretstore/db");
        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetSecretAsync("secretstore", "not-a-secret"));

        await DaprErrorBody.AssertAsync(response, HttpStatusCode.InternalServerError, "ERR_SECRET_GET",
            "failed getting secret with key db from secret store secretstore: secrets \"db\" not found");
        var status = Assert.IsType<RpcException>(error.InnerException).Status;
        Assert.Equal(StatusCode.Internal, status.StatusCode);
        Assert.Equal("failed getting secret with key not-a-secret from secret store secretstore: secrets \"not-a-secret\" not found", status.Detail);
    }

    [Fact]
    public async Task BulkReturnsEverySecretOfTheNamespaceWithEveryKey()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        using var client = emulator.Client();

        using var response = await http.GetAsync("/v1.0/secrets/secretstore/bulk?metadata.namespace=other");
        var bulk = await client.GetBulkSecretAsync("secretstore");

        Assert.Equal("""{"db":{"password":"other-password"},"written-for-apply":{"kept":"kept","mode":"from-stringData"}}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal(["todo-secrets"], bulk.Keys);
        Assert.Equal("sk-llm", bulk["todo-secrets"]["llm-api-key"]);
    }

    [Fact]
    public async Task BulkOfANamespaceWithoutSecretsIsEmpty()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        using var response = await http.GetAsync("/v1.0/secrets/secretstore/bulk?metadata.namespace=empty");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutNamespaceAnywhereTheStoreAnswersContribsError()
    {
        await using var emulator = await StartAsync(@namespace: null);
        using var http = emulator.Http();

        using var get = await http.GetAsync("/v1.0/secrets/secretstore/todo-secrets");
        using var bulk = await http.GetAsync("/v1.0/secrets/secretstore/bulk");

        const string Missing = "namespace is missing on metadata and NAMESPACE env variable, and no default namespace is set";
        Assert.Equal(HttpStatusCode.InternalServerError, get.StatusCode);
        Assert.Equal($$"""{"errorCode":"ERR_SECRET_GET","message":"failed getting secret with key todo-secrets from secret store secretstore: {{Missing}}"}""",
            await get.Content.ReadAsStringAsync());
        Assert.Equal($$"""{"errorCode":"ERR_SECRET_GET","message":"failed getting secrets from secret store secretstore: {{Missing}}"}""",
            await bulk.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DefaultNamespaceMetadataAppliesWhenTheSidecarHasNoNamespace()
    {
        var store = ComponentYaml.Component("secretstore", "secretstores.kubernetes", ("defaultNamespace", "todo"));
        await using var emulator = await EmulatorFixture.StartAsync(
            [("secretstore.yaml", store), ("cluster-secrets.yaml", Manifests)], kubernetesSecretsFile: "cluster-secrets.yaml");
        using var client = emulator.Client();

        var secret = await client.GetSecretAsync("secretstore", "todo-secrets");

        Assert.Equal("sk-llm", secret["llm-api-key"]);
    }

    [Fact]
    public async Task TheEmulatorSecretsFileMetadataPointsOneComponentAtItsOwnFile()
    {
        var store = ComponentYaml.Component("secretstore", "secretstores.kubernetes", ("emulatorSecretsFile", "mine.k8s"));
        var mine = $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: only-here
            data:
              k: {B64("v")}
            """;
        await using var emulator = await EmulatorFixture.StartAsync([("secretstore.yaml", store), ("mine.k8s", mine)], @namespace: "todo");
        using var client = emulator.Client();

        // A manifest without metadata.namespace lands in the sidecars' namespace, as `kubectl apply` there would put it.
        var secret = await client.GetSecretAsync("secretstore", "only-here");

        Assert.Equal("v", secret["k"]);
        Assert.Null(emulator.Host.Components.Find("kubernetes", "app-a"));
    }

    [Fact]
    public async Task AManifestsFileMakesTheBuiltInKubernetesStoreAppearAsInKubernetesMode()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var secret = await client.GetSecretAsync("kubernetes", "todo-secrets");

        Assert.Equal("signing-key-value", secret["token-signing-key"]);
        Assert.Equal("secretstores.kubernetes", emulator.Host.Components.Find("kubernetes", "app-a")!.Definition.Type);
    }

    [Fact]
    public async Task ASecretKeyRefWithoutAuthSecretStoreIsReadFromTheBuiltInStore()
    {
        // pkg/runtime/processor/secret/secret.go: AuthSecretStoreOrDefault is `kubernetes` in Kubernetes mode, and the
        // Configuration's secret scopes do not apply to component metadata.
        var state = """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.in-memory
              version: v1
              metadata:
                - name: someSecretSetting
                  secretKeyRef:
                    name: todo-secrets
                    key: llm-api-key
            """;
        await using var emulator = await EmulatorFixture.StartAsync(
            [("statestore.yaml", state), ("cluster-secrets.yaml", Manifests)], @namespace: "todo", kubernetesSecretsFile: "cluster-secrets.yaml");

        Assert.Equal("sk-llm", emulator.Host.Components.Find("statestore", "app-a")!.ResolvedMetadata["someSecretSetting"]);
    }

    [Fact]
    public async Task WithoutAnyManifestsFileTheComponentFailsStartUpNamingTheMetadataField()
    {
        using var resources = new TempResources();
        resources.Write("secretstore.yaml", Store);

        var error = await Assert.ThrowsAsync<ComponentLoadException>(async () =>
        {
            await using var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
            {
                ResourcesPaths = [resources.Directory],
                WorkingDirectory = resources.Directory,
                Apps = [new SidecarOptions { AppId = "app-a" }],
            });
        });

        Assert.Contains("'secretstore'", error.Message);
        Assert.Contains("emulatorSecretsFile", error.Message);
    }

    [Fact]
    public async Task DataThatIsNotBase64FailsStartUpAsTheApiServerWouldRefuseIt()
    {
        using var resources = new TempResources();
        resources.Write("secretstore.yaml", Store);
        var file = resources.Write("bad.k8s", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ndata:\n  k: not base64!\n");

        var error = await Assert.ThrowsAsync<ComponentLoadException>(async () =>
        {
            await using var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
            {
                ResourcesPaths = [resources.Directory],
                WorkingDirectory = resources.Directory,
                Apps = [new SidecarOptions { AppId = "app-a" }],
                Namespace = "todo",
                KubernetesSecretsFile = file,
            });
        });

        Assert.Contains("todo/bad", error.Message);
        Assert.Contains("not base64", error.Message);
    }

    [Fact]
    public async Task TheFileIsReadAgainOnEveryCall()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        emulator.Resources.Write("cluster-secrets.yaml", $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: todo-secrets
              namespace: todo
            data:
              token-signing-key: {B64("rotated")}
            """);

        var secret = await client.GetSecretAsync("secretstore", "todo-secrets");

        Assert.Equal(new Dictionary<string, string> { ["token-signing-key"] = "rotated" }, secret);
    }

    private static Task<EmulatorFixture> StartAsync(string? @namespace = "todo") =>
        EmulatorFixture.StartAsync(
            [("secretstore.yaml", Store), ("cluster-secrets.yaml", Manifests)],
            @namespace: @namespace,
            kubernetesSecretsFile: "cluster-secrets.yaml");
}
