using System.Net;
using System.Text;
using Dapr;
using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Grpc.Net.Client;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Hosting;

public sealed class ApiTokenTests
{
    private const string Token = "s3cret-api-token";

    private static readonly string Resources = ComponentYaml.Join(ComponentYaml.InMemoryStateStore, ComponentYaml.InMemoryPubSub);

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/v1.0/state/statestore/some-key" },
        { "POST", "/v1.0/state/statestore" },
        { "POST", "/v1.0/publish/pubsub/orders" },
        { "POST", "/v1.0/invoke/app-a/method/ping" },
        { "GET", "/v1.0/metadata" },
        { "PUT", "/v1.0/metadata/key" },
        { "GET", "/anything/else" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task WithoutTheTokenEveryApiRouteIs401InvalidApiToken(string verb, string path)
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        using var response = await http.SendAsync(Request(verb, path, token: null));

        await AssertRejectedAsync(response);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task AWrongTokenIs401InvalidApiToken(string verb, string path)
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        using var response = await http.SendAsync(Request(verb, path, token: "not-the-token"));

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task TheRightTokenIsAccepted()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        using var metadata = await http.SendAsync(Request("GET", "/v1.0/metadata", Token));
        using var publish = await http.SendAsync(Request("POST", "/v1.0/publish/pubsub/orders", Token));

        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, publish.StatusCode);
    }

    [Theory]
    [InlineData("/v1.0/healthz")]
    [InlineData("/v1.0/healthz/outbound")]
    public async Task HealthRoutesNeedNoToken(string path)
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task TheSdkWithoutTheTokenGetsUnauthenticatedOverGrpc()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<string>("statestore", "k"));

        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task TheSdkWithAWrongTokenGetsUnauthenticatedOverGrpc()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client(apiToken: "wrong");

        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetMetadataAsync());

        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task TheSdkWithTheTokenUsesStateAndMetadataOverGrpc()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client(apiToken: Token);

        await client.SaveStateAsync("statestore", "k", "v");
        var value = await client.GetStateAsync<string>("statestore", "k");
        var metadata = await client.GetMetadataAsync();

        Assert.Equal("v", value);
        Assert.Equal("app-a", metadata.Id);
    }

    [Fact]
    public async Task AnRpcTheEmulatorDoesNotImplementIsUnimplemented()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("resources.yaml", Resources)]);
        using var channel = GrpcChannel.ForAddress(emulator.Host["app-a"].GrpcEndpoint);
        var grpc = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);

        var configuration = await Assert.ThrowsAsync<RpcException>(() => grpc.GetConfigurationAsync(new GetConfigurationRequest { StoreName = "config" }).ResponseAsync);
        var actor = await Assert.ThrowsAsync<RpcException>(() => grpc.InvokeActorAsync(new InvokeActorRequest { ActorType = "t", ActorId = "1", Method = "m" }).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, configuration.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, actor.StatusCode);
    }

    private static Task<EmulatorFixture> StartAsync() =>
        EmulatorFixture.StartAsync([("resources.yaml", Resources)], [new SidecarOptions { AppId = "app-a", DaprApiToken = Token }]);

    private static HttpRequestMessage Request(string verb, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(verb), path);
        if (verb != "GET")
        {
            request.Content = new StringContent(path.Contains("state", StringComparison.Ordinal) ? """[{"key":"k","value":1}]""" : "{}", Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Add("dapr-api-token", token);
        }

        return request;
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid api token", await response.Content.ReadAsStringAsync());
    }
}
