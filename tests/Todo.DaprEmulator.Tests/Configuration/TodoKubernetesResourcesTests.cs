using System.Net;
using System.Text;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Errors;

namespace Todo.DaprEmulator.Tests.Configuration;

/// <summary>
/// Our own dapr-components/kubernetes/configuration.yaml and secretstore.yaml, copied byte for byte, on sidecars set
/// up as the charts deploy them: namespace <c>todo</c>, <c>dapr.io/config: todo-config</c> on both pods, the cluster's
/// Secrets in a manifests file. What the apps may read and call is what daprd 1.18 would let them.
/// </summary>
public sealed class TodoKubernetesResourcesTests
{
    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static readonly string ClusterSecrets = $"""
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: todo-secrets
            namespace: todo
          type: Opaque
          data:
            postgres-connection-string: {B64("host=db port=5432 user=todo dbname=todo")}
            token-signing-key: {B64("k8s-signing-key")}
            llm-api-key: {B64("sk-k8s")}
        - apiVersion: v1
          kind: Secret
          metadata:
            name: someone-elses-secret
            namespace: todo
          type: Opaque
          data:
            password: {B64("not for todo")}
        """;

    [Fact]
    public async Task TodoBackendReadsTheSigningKeyAndLlmKeyOfTodoSecrets()
    {
        await using var cluster = await StartAsync();
        using var backend = cluster.Client("todo-backend");
        using var web = cluster.Client("todo-web");

        var secret = await backend.GetSecretAsync("secretstore", "todo-secrets");
        var webSecret = await web.GetSecretAsync("secretstore", "todo-secrets");

        // todo-web signs the user tokens with the same key.
        Assert.Equal("k8s-signing-key", webSecret["token-signing-key"]);

        Assert.Equal("k8s-signing-key", secret["token-signing-key"]);
        Assert.Equal("sk-k8s", secret["llm-api-key"]);
        // secretstores.kubernetes hands over every key of the Secret, the state store's connection string included.
        Assert.Equal(["llm-api-key", "postgres-connection-string", "token-signing-key"], secret.Keys.Order());
    }

    [Fact]
    public async Task EveryOtherSecretOfTheNamespaceIsRefusedThroughSecretstore()
    {
        await using var cluster = await StartAsync();
        using var backend = cluster.Client("todo-backend");
        using var http = cluster.Http("todo-web");

        var error = await Assert.ThrowsAsync<DaprException>(() => backend.GetSecretAsync("secretstore", "someone-elses-secret"));
        using var response = await http.GetAsync("/v1.0/secrets/secretstore/token-signing-key");
        var bulk = await backend.GetBulkSecretAsync("secretstore");

        Assert.Equal(StatusCode.PermissionDenied, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        // The local file store's layout (a secret named token-signing-key) is refused in the cluster: only the name
        // todo-secrets is allowed.
        await DaprErrorBody.AssertAsync(response, HttpStatusCode.Forbidden, "ERR_PERMISSION_DENIED",
            "access denied by policy to get \"token-signing-key\" from \"secretstore\"");
        Assert.Equal(["todo-secrets"], bulk.Keys);
    }

    [Fact]
    public async Task TheBuiltInKubernetesStoreIsNotCoveredByTheScopeOfSecretstore()
    {
        // daprd adds the store `kubernetes` in Kubernetes mode (pkg/runtime/runtime.go, appendBuiltinSecretStore) and
        // todo-config scopes only `secretstore`: only the pod's RBAC keeps `kubernetes` from other Secrets.
        await using var cluster = await StartAsync();
        using var backend = cluster.Client("todo-backend");

        var secret = await backend.GetSecretAsync("kubernetes", "someone-elses-secret");

        Assert.Equal("not for todo", secret["password"]);
    }

    [Theory]
    [InlineData("GET", "api/tasks")]
    [InlineData("POST", "api/tasks/42/complete")]
    [InlineData("DELETE", "api/tasks/42")]
    [InlineData("PUT", "API/Tasks/42")]
    [InlineData("GET", "health")]
    public async Task TodoWebMayInvokeTheApiAndHealthOnTodoBackend(string verb, string method)
    {
        await using var cluster = await StartAsync();
        using var web = cluster.Http("todo-web");

        using var response = await web.SendAsync(new HttpRequestMessage(new HttpMethod(verb), $"/v1.0/invoke/todo-backend/method/{method}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"backend {verb} /{method}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST", "health")]
    [InlineData("GET", "healthz")]
    [InlineData("POST", "mcp")]
    [InlineData("POST", "job/reminder-1")]
    [InlineData("POST", "reminders")]
    [InlineData("GET", "admin/users")]
    public async Task TodoWebIsRefusedEverythingElseOnTodoBackend(string verb, string method)
    {
        await using var cluster = await StartAsync();
        using var web = cluster.Http("todo-web");

        using var response = await web.SendAsync(new HttpRequestMessage(new HttpMethod(verb), $"/v1.0/invoke/todo-backend/method/{method}"));

        await DaprErrorBody.AssertAsync(response, HttpStatusCode.Forbidden, "ERR_DIRECT_INVOKE",
            $"failed to invoke, id: todo-backend, err: rpc error: code = PermissionDenied desc = access control policy has denied access to id: spiffe://public/ns/todo/todo-web operation: {method} verb: {verb}");
        Assert.DoesNotContain(cluster.BackendRequests, r => r.PathAndQuery == "/" + method);
    }

    [Fact]
    public async Task TheSdksInvokeClientOfTodoWebGetsThroughToTheApiOnly()
    {
        await using var cluster = await StartAsync();
        using var client = DaprClient.CreateInvokeHttpClient("todo-backend", cluster.Host["todo-web"].HttpEndpoint.ToString());

        using var api = await client.GetAsync("/api/tasks?page=2");
        using var mcp = await client.PostAsync("/mcp", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, mcp.StatusCode);
    }

    [Fact]
    public async Task NoOneInvokesTodoWebAndNoOtherAppInvokesTodoBackend()
    {
        await using var cluster = await StartAsync(extraApp: "intruder");
        using var backend = cluster.Http("todo-backend");
        using var intruder = cluster.Http("intruder");

        using var toWeb = await backend.GetAsync("/v1.0/invoke/todo-web/method/api/tasks");
        using var toBackend = await intruder.GetAsync("/v1.0/invoke/todo-backend/method/api/tasks");

        Assert.Equal(HttpStatusCode.Forbidden, toWeb.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toBackend.StatusCode);
        Assert.Contains("spiffe://public/ns/todo/intruder", await toBackend.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InstalledIntoAnotherNamespaceTodoWebIsSilentlyDenied()
    {
        // configuration.yaml's own warning: the policy names namespace `todo`.
        await using var cluster = await StartAsync(@namespace: "staging");
        using var web = cluster.Http("todo-web");

        using var response = await web.GetAsync("/v1.0/invoke/todo-backend/method/api/tasks");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("spiffe://public/ns/staging/todo-web", await response.Content.ReadAsStringAsync());
    }

    private static async Task<Cluster> StartAsync(string @namespace = "todo", string? extraApp = null)
    {
        var backendApp = await TestApp.StartAsync(app => app.Map("/{**path}", (HttpContext context) =>
            $"backend {context.Request.Method} {context.Request.Path}"));
        var resources = new TempResources();
        var kubernetes = RepoRoot.Combine("dapr-components", "kubernetes");
        File.Copy(Path.Combine(kubernetes, "configuration.yaml"), Path.Combine(resources.Directory, "configuration.yaml"));
        File.Copy(Path.Combine(kubernetes, "secretstore.yaml"), Path.Combine(resources.Directory, "secretstore.yaml"));
        var secretsFile = Path.Combine(resources.Directory, "cluster", "secrets.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(secretsFile)!);
        File.WriteAllText(secretsFile, ClusterSecrets);
        List<SidecarOptions> apps =
        [
            new SidecarOptions { AppId = "todo-backend", AppPort = backendApp.Port, ConfigName = "todo-config" },
            new SidecarOptions { AppId = "todo-web", ConfigName = "todo-config" },
        ];
        if (extraApp is not null)
        {
            apps.Add(new SidecarOptions { AppId = extraApp });
        }

        var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [resources.Directory],
            WorkingDirectory = resources.Directory,
            Namespace = @namespace,
            KubernetesSecretsFile = secretsFile,
            Apps = apps,
        });
        return new Cluster(host, backendApp, resources);
    }

    private sealed record Cluster(DaprEmulatorHost Host, TestApp Backend, TempResources Resources) : IAsyncDisposable
    {
        public IEnumerable<RecordedRequest> BackendRequests => Backend.Requests;

        public DaprClient Client(string appId) =>
            new DaprClientBuilder().UseGrpcEndpoint(Host[appId].GrpcEndpoint.ToString()).UseHttpEndpoint(Host[appId].HttpEndpoint.ToString()).Build();

        public HttpClient Http(string appId) => new() { BaseAddress = Host[appId].HttpEndpoint };

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Backend.DisposeAsync();
            Resources.Dispose();
        }
    }
}
