using System.Net;
using System.Text;
using Dapr;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Todo.DaprEmulator.Tests.Errors;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.State;

/// <summary>
/// The state errors daprd builds with dapr/kit carry details (dapr/dapr v1.18.3 pkg/api/errors/state.go for the store
/// lookups, key check and query API; apierrors.Basic in pkg/api/grpc/grpc.go for the gRPC store calls), and the ones
/// built from pkg/messages stay two-field bodies.
/// </summary>
public sealed class StateErrorDetailsTests
{
    [Fact]
    public async Task AnUnknownStoreOverHttpNamesTheReasonAndTheAppId()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        using var http = emulator.Http();

        using var response = await http.GetAsync("/v1.0/state/nope/k");

        // http.go getStateStoreWithRequestValidation: NotFound(appID), no ResourceInfo (skipResourceInfo).
        await RichStatus.AssertHttpAsync(response, HttpStatusCode.BadRequest, """
            {"errorCode":"ERR_STATE_STORE_NOT_FOUND","message":"state store nope is not found","details":[
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_STATE_NOT_FOUND","domain":"dapr.io","metadata":{"appID":"app-a"}}]}
            """);
    }

    [Fact]
    public async Task AnUnknownStoreOverGrpcCarriesTheErrorInfoInTheStatusTheSdkReads()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        using var client = emulator.Client();

        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<string>("nope", "k"));

        var status = RichStatus.FromSdk(error, "ErrorInfo");
        Assert.Equal(((int)StatusCode.InvalidArgument, "state store nope is not found"), (status.Code, status.Message));
        var errorInfo = RichStatus.ErrorInfo(status);
        // universal/state_query.go GetStateStore: NotFound("") — no metadata on the gRPC API.
        Assert.Equal(("DAPR_STATE_NOT_FOUND", "dapr.io", 0), (errorInfo.Reason, errorInfo.Domain, errorInfo.Metadata.Count));
    }

    [Fact]
    public async Task AKeyWithTheSeparatorIsAFieldViolationOnTheStateResource()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        using var http = emulator.Http();

        using var response = await http.GetAsync("/v1.0/state/statestore/a%7C%7Cb");

        // state.go InvalidKeyName: WithFieldViolation, then the state ResourceInfo, then the ErrorInfo.
        await RichStatus.AssertHttpAsync(response, HttpStatusCode.BadRequest, """
            {"errorCode":"ERR_MALFORMED_REQUEST","message":"input key/keyPrefix 'a||b' can't contain '||'","details":[
              {"@type":"type.googleapis.com/google.rpc.BadRequest","field_violations":[{"field":"a||b","description":"input key/keyPrefix 'a||b' can't contain '||'"}]},
              {"@type":"type.googleapis.com/google.rpc.ResourceInfo","resource_type":"state","resource_name":"statestore","owner":"","description":""},
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_STATE_ILLEGAL_KEY","domain":"dapr.io","metadata":null}]}
            """);
    }

    [Fact]
    public async Task TheQueryApiNamesTheStoreThatCannotQueryOnBothApis()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        using var http = emulator.Http();
        var grpc = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(GrpcChannel.ForAddress(emulator.Host["app-a"].GrpcEndpoint));

        using var response = await http.PostAsync("/v1.0-alpha1/state/statestore/query", new StringContent("{}", Encoding.UTF8, "application/json"));
#pragma warning disable CS0612 // QueryStateAlpha1 is the only query RPC daprd has
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await grpc.QueryStateAlpha1Async(new QueryStateRequest { StoreName = "statestore", Query = "{}" }));
#pragma warning restore CS0612

        await RichStatus.AssertHttpAsync(response, HttpStatusCode.InternalServerError, """
            {"errorCode":"ERR_STATE_STORE_NOT_SUPPORTED","message":"state store does not support querying","details":[
              {"@type":"type.googleapis.com/google.rpc.ResourceInfo","resource_type":"state","resource_name":"statestore","owner":"","description":""},
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_STATE_QUERYING_NOT_SUPPORTED","domain":"dapr.io","metadata":null}]}
            """);
        var status = RichStatus.FromTrailer(error);
        Assert.Equal("DAPR_STATE_QUERYING_NOT_SUPPORTED", RichStatus.ErrorInfo(status).Reason);
        var resource = Assert.Single(status.Details, d => d.Is(Google.Rpc.ResourceInfo.Descriptor)).Unpack<Google.Rpc.ResourceInfo>();
        Assert.Equal(("state", "statestore"), (resource.ResourceType, resource.ResourceName));
    }

    [Theory]
    [InlineData("""{"key":"","value":2}""")]
    [InlineData("""{"value":2}""")]
    [InlineData("""{"key":null,"value":2}""")]
    public async Task AnEmptyKeyOverHttpSaveIsDaprdsMalformedRequestWithoutDetailsAndSavesNothing(string item)
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        using var http = emulator.Http();

        using var response = await http.PostAsync("/v1.0/state/statestore",
            new StringContent($$"""[{"key":"first","value":1},{{item}}]""", Encoding.UTF8, "application/json"));

        // dapr/dapr v1.18.3 (and v1.17.13) pkg/api/http/http.go onPostState:
        // messages.NewAPIErrorHTTP(`"key" is a required field`, errorcodes.CommonMalformedRequest, http.StatusBadRequest),
        // rendered by APIError.JSONErrorValue as errorCode and message only.
        await DaprErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST", "\"key\" is a required field");
        using var first = await http.GetAsync("/v1.0/state/statestore/first");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode); // every key is checked before anything is saved
    }

    [Fact]
    public async Task AnEmptyKeyOverGrpcSaveStateIsInvalidArgumentWithTheSaveReasonAndSavesNothing()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        var grpc = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(GrpcChannel.ForAddress(emulator.Host["app-a"].GrpcEndpoint));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await grpc.SaveStateAsync(new SaveStateRequest
        {
            StoreName = "statestore",
            States = { new StateItem { Key = "first", Value = ByteString.CopyFromUtf8("1") }, new StateItem { Key = "", Value = ByteString.CopyFromUtf8("2") } },
        }));

        // grpc.go SaveState: apierrors.Basic(codes.InvalidArgument, http.StatusBadRequest, errorcodes.StateSave, "state key cannot be empty").
        Assert.Equal((StatusCode.InvalidArgument, "state key cannot be empty"), (error.StatusCode, error.Status.Detail));
        var info = RichStatus.ErrorInfo(RichStatus.FromTrailer(error));
        Assert.Equal(("ERR_STATE_SAVE", "dapr.io", 0), (info.Reason, info.Domain, info.Metadata.Count));
        var first = await grpc.GetStateAsync(new GetStateRequest { StoreName = "statestore", Key = "first" });
        Assert.True(first.Data.IsEmpty); // the check runs over every item before any is saved
    }

    [Fact]
    public async Task AStaleETagOverGrpcIsAbortedWithTheSaveReasonAndStaysLegacyOverHttp()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        using var http = emulator.Http();
        var grpc = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(GrpcChannel.ForAddress(emulator.Host["app-a"].GrpcEndpoint));
        await grpc.SaveStateAsync(new SaveStateRequest { StoreName = "statestore", States = { new StateItem { Key = "k", Value = ByteString.CopyFromUtf8("1") } } });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await grpc.SaveStateAsync(new SaveStateRequest
        {
            StoreName = "statestore",
            States = { new StateItem { Key = "k", Value = ByteString.CopyFromUtf8("2"), Etag = new Etag { Value = "999999" } } },
        }));
        using var stale = await http.PostAsync("/v1.0/state/statestore", new StringContent("""[{"key":"k","value":3,"etag":"999999"}]""", Encoding.UTF8, "application/json"));

        // grpc.go SaveState: apierrors.Basic(getStateErrorCode(err), ..., errorcodes.StateSave, ...): reason ERR_STATE_SAVE, nil metadata.
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var info = RichStatus.ErrorInfo(RichStatus.FromTrailer(error));
        Assert.Equal(("ERR_STATE_SAVE", "dapr.io", 0), (info.Reason, info.Domain, info.Metadata.Count));
        // http.go onPostState: messages.NewAPIErrorHTTP, no details.
        await DaprErrorBody.AssertAsync(stale, HttpStatusCode.Conflict, "ERR_STATE_SAVE",
            "failed saving state in state store statestore: possible etag mismatch. error from state store: no rows affected");
    }
}
