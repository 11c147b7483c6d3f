using System.Net;
using System.Text.Json;
using Dapr.Client;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Invoke;

/// <summary>
/// Invocation access control on the callee's sidecar (dapr/dapr v1.18.3 pkg/api/grpc/daprinternal.go,
/// callLocalValidateACL → pkg/acl/acl.go) and the caller sidecar's answer to a refusal
/// (pkg/api/http/directmessaging.go: 403, ERR_DIRECT_INVOKE, the PermissionDenied status as text).
/// app-a calls app-b; app-b's sidecar applies the Configuration <c>guarded</c>.
/// </summary>
public sealed class InvocationAccessControlTests
{
    /// <summary>app-b's policy: app-a may only GET or POST under /orders.</summary>
    internal const string Guarded = """
        apiVersion: dapr.io/v1alpha1
        kind: Configuration
        metadata:
          name: guarded
        spec:
          accessControl:
            defaultAction: deny
            policies:
              - appId: app-a
                defaultAction: deny
                trustDomain: public
                namespace: default
                operations:
                  - name: /orders/**
                    httpVerb: ["GET", "POST"]
                    action: allow
        """;

    private const string CorpCaller = """
        apiVersion: dapr.io/v1alpha1
        kind: Configuration
        metadata:
          name: corp
        spec:
          accessControl:
            trustDomain: corp
        """;

    [Fact]
    public async Task ADeniedCallIs403DirectInvokeWithDaprdsMessageAndNeverReachesTheApp()
    {
        await using var env = await StartAsync();
        using var http = env.Emulator.Http("app-a");

        using var response = await http.DeleteAsync("/v1.0/invoke/app-b/method/orders/7");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: app-b, err: rpc error: code = PermissionDenied desc = access control policy has denied access to id: spiffe://public/ns/default/app-a operation: orders/7 verb: DELETE"}""",
            await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(env.App.Requests, r => r.PathAndQuery.StartsWith("/orders", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAllowedOperationAndVerbReachesTheApp()
    {
        await using var env = await StartAsync();
        using var http = env.Emulator.Http("app-a");

        using var response = await http.PostAsync("/v1.0/invoke/app-b/method/orders/7/pay", new StringContent("paid"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("paid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheDaprAppIdHeaderFormIsCheckedTheSameWay()
    {
        await using var env = await StartAsync();
        using var http = env.Emulator.Http("app-a");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/users");
        request.Headers.Add("dapr-app-id", "app-b");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("operation: admin/users verb: GET", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSdksInvokableHttpClientSeesThe403()
    {
        await using var env = await StartAsync();
        using var sdk = DaprClient.CreateInvokeHttpClient("app-b", env.Emulator.Host["app-a"].HttpEndpoint.ToString());

        using var allowed = await sdk.GetAsync("/orders/7");
        using var denied = await sdk.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var body = JsonDocument.Parse(await denied.Content.ReadAsStringAsync());
        Assert.Equal("ERR_DIRECT_INVOKE", body.RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task AnOtherCallerGetsTheGlobalDefault()
    {
        await using var env = await StartAsync(extraApp: new SidecarOptions { AppId = "app-c" });
        using var http = env.Emulator.Http("app-c");

        using var response = await http.GetAsync("/v1.0/invoke/app-b/method/orders/7");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("id: spiffe://public/ns/default/app-c operation: orders/7 verb: GET", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheCallersTrustDomainComesFromItsOwnConfiguration()
    {
        // Sentry writes accessControl.trustDomain of the caller's Configuration into its certificate
        // (pkg/sentry/server/validator/kubernetes/kubernetes.go), so a caller in "corp" no longer matches a "public" policy.
        await using var env = await StartAsync(callerConfig: "corp");
        using var http = env.Emulator.Http("app-a");

        using var response = await http.GetAsync("/v1.0/invoke/app-b/method/orders/7");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("id: spiffe://corp/ns/default/app-a ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheCallersNamespaceMustMatchThePolicys()
    {
        await using var env = await StartAsync(@namespace: "todo");
        using var http = env.Emulator.Http("app-a");

        using var response = await http.GetAsync("/v1.0/invoke/app-b/method/orders/7");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("spiffe://public/ns/todo/app-a", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownVerbIsCheckedAsPost()
    {
        // WithHTTPExtension (pkg/messaging/v1/invoke_method_request.go) sends any verb it does not know as POST.
        await using var env = await StartAsync();
        using var http = env.Emulator.Http("app-a");

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod("PROPFIND"), "/v1.0/invoke/app-b/method/orders/7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PROPFIND", response.Headers.GetValues("x-echo-method").Single());
    }

    [Fact]
    public async Task ACallToTheSidecarsOwnAppIsNotChecked()
    {
        // direct_messaging.go invokeLocal: the call never leaves the sidecar, so the callee-side check never runs.
        await using var app = await TestApp.StartAsync(InvokePair.MapEcho);
        await using var emulator = await EmulatorFixture.StartAsync([("guarded.yaml", Guarded)],
            [new SidecarOptions { AppId = "app-b", AppPort = app.Port, ConfigName = "guarded" }]);
        using var http = emulator.Http("app-b");

        using var response = await http.GetAsync("/v1.0/invoke/app-b/method/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EveryReplicaOfTheCalleeChecksAndAReplicaCallingItsOwnAppIdIsNot()
    {
        await using var app = await TestApp.StartAsync(InvokePair.MapEcho);
        await using var emulator = await EmulatorFixture.StartAsync([("guarded.yaml", Guarded)],
        [
            new SidecarOptions { AppId = "app-a" },
            new SidecarOptions { AppId = "app-b", PodName = "app-b-0", AppPort = app.Port, ConfigName = "guarded" },
            new SidecarOptions { AppId = "app-b", PodName = "app-b-1", AppPort = app.Port, ConfigName = "guarded" },
        ]);
        using var caller = emulator.Http("app-a");
        using var replica = new HttpClient { BaseAddress = emulator.Host.Sidecars.Instances("app-b")[0].HttpEndpoint };

        using var first = await caller.GetAsync("/v1.0/invoke/app-b/method/admin");
        using var second = await caller.GetAsync("/v1.0/invoke/app-b/method/admin");
        using var own = await replica.GetAsync("/v1.0/invoke/app-b/method/admin");

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task ACalleeWithoutAConfigurationAcceptsEveryCall()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();

        using var response = await http.DeleteAsync("/v1.0/invoke/app-b/method/admin/everything");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<Env> StartAsync(string? callerConfig = null, SidecarOptions? extraApp = null, string? @namespace = null)
    {
        var app = await TestApp.StartAsync(InvokePair.MapEcho);
        List<SidecarOptions> apps =
        [
            new SidecarOptions { AppId = "app-a", ConfigName = callerConfig },
            new SidecarOptions { AppId = "app-b", AppPort = app.Port, ConfigName = "guarded" },
        ];
        if (extraApp is not null)
        {
            apps.Add(extraApp);
        }

        var emulator = await EmulatorFixture.StartAsync([("guarded.yaml", Guarded), ("corp.yaml", CorpCaller)], apps, @namespace: @namespace);
        return new Env(app, emulator);
    }

    private sealed record Env(TestApp App, EmulatorFixture Emulator) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Emulator.DisposeAsync();
            await App.DisposeAsync();
        }
    }
}
