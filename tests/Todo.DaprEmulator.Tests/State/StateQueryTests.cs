using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Grpc.Net.Client;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.State;

/// <summary>
/// The state query API on a store that cannot query answers as daprd does (dapr/dapr v1.18.3
/// pkg/api/universal/state_query.go): 500 ERR_STATE_STORE_NOT_SUPPORTED over HTTP, Internal over gRPC; an unknown
/// store is still "not found" first.
/// </summary>
public sealed class StateQueryTests
{
    private const string Query = """{"filter":{"EQ":{"state":"CA"}}}""";

    [Fact]
    public async Task TheHttpQueryApiSaysTheStoreDoesNotSupportQuerying()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        using var http = emulator.Http();

        using var response = await http.PostAsync("/v1.0-alpha1/state/statestore/query", new StringContent(Query, Encoding.UTF8, "application/json"));
        using var unknown = await http.PostAsync("/v1.0-alpha1/state/nope/query", new StringContent(Query, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ERR_STATE_STORE_NOT_SUPPORTED", body.GetProperty("errorCode").GetString());
        Assert.Equal("state store does not support querying", body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task TheGrpcQueryApiAnswersInternal()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        var grpc = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(GrpcChannel.ForAddress(emulator.Host["app-a"].GrpcEndpoint));

#pragma warning disable CS0612 // QueryStateAlpha1 is the only query RPC daprd has
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await grpc.QueryStateAlpha1Async(new QueryStateRequest { StoreName = "statestore", Query = Query }));
#pragma warning restore CS0612

        Assert.Equal((StatusCode.Internal, "state store does not support querying"), (error.StatusCode, error.Status.Detail));
    }
}
