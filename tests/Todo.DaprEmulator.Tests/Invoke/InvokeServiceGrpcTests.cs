using Dapr.Client;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Errors;
using Todo.DaprEmulator.Tests.Infrastructure;
using ProtoV1 = Dapr.Client.Autogen.Grpc.v1;

namespace Todo.DaprEmulator.Tests.Invoke;

/// <summary>
/// gRPC <c>InvokeService</c> to an HTTP app, as dapr/dapr v1.18.3 serves it (deprecated, still in dapr.proto of
/// v1.17.13 and v1.18.3): pkg/api/grpc/grpc.go InvokeService, pkg/channel/http/http_channel.go (InvokeMethod,
/// constructRequest) and pkg/messaging/v1/util.go (ErrorFromHTTPResponseCode, InternalMetadataToGrpcMetadata).
/// </summary>
public sealed class InvokeServiceGrpcTests
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public async Task TheHttpExtensionsVerbAndQueryAndTheDataReachTheAppAndItsAnswerComesBackAsAny()
    {
        await using var pair = await InvokePair.StartAsync();
        var grpc = Grpc(pair.Emulator, out var channel);
        using var _ = channel;
        var request = Request("app-b", "orders/7", ProtoV1.HTTPExtension.Types.Verb.Put, "a=1&b=two");
        request.Message.Data = new Google.Protobuf.WellKnownTypes.Any { Value = ByteString.CopyFromUtf8("""{"paid":true}""") };
        request.Message.ContentType = "application/json";

        using var call = grpc.InvokeServiceAsync(request, new Grpc.Core.Metadata { { "traceparent", TraceParent }, { "x-custom", "yes" } });
        var response = await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("""{"paid":true}""", response.Data.Value.ToStringUtf8());
        Assert.Equal("", response.Data.TypeUrl);
        Assert.StartsWith("application/json", response.ContentType);
        Assert.Equal("200", headers.GetValue("dapr-http-status"));
        Assert.Equal("PUT", headers.GetValue("x-echo-method"));
        // Content-Type means something else in gRPC: util.go isPermanentHTTPHeader moves it under dapr-.
        Assert.StartsWith("application/json", headers.GetValue("dapr-content-type"));

        var received = pair.Received();
        Assert.Equal(("PUT", "/orders/7?a=1&b=two", """{"paid":true}"""), (received.Method, received.PathAndQuery, received.Body));
        Assert.Equal("application/json", received.Headers["Content-Type"]);
        Assert.Equal(("app-a", "app-b", "yes"), (received.Headers["dapr-caller-app-id"], received.Headers["dapr-callee-app-id"], received.Headers["x-custom"]));
        Assert.StartsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-", received.Headers["traceparent"]);
        Assert.NotEqual(TraceParent, received.Headers["traceparent"]);
    }

    [Fact]
    public async Task AnAppErrorIsAGrpcStatusMappedFromTheHttpStatusWithTheBodyInTheErrorInfo()
    {
        var body = new string('x', 80);
        await using var pair = await InvokePair.StartAsync(app => app.MapGet("/missing", () => Results.Text(body, statusCode: 404)));
        var grpc = Grpc(pair.Emulator, out var channel);
        using var _ = channel;

        using var call = grpc.InvokeServiceAsync(Request("app-b", "missing", ProtoV1.HTTPExtension.Types.Verb.Get));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "Not Found"), (error.StatusCode, error.Status.Detail));
        var info = RichStatus.ErrorInfo(RichStatus.FromTrailer(error));
        Assert.Equal(("Not Found", "dapr.io", "404"), (info.Reason, info.Domain, info.Metadata["http.code"]));
        Assert.Equal(new string('x', 63), info.Metadata["http.error_message"]); // util.go maxMetadataValueLen
        Assert.Equal("404", (await call.ResponseHeadersAsync).GetValue("dapr-http-status"));
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(409, StatusCode.AlreadyExists)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(418, StatusCode.Unknown)]
    public async Task HttpStatusesMapAsCodeFromHttpStatusSays(int status, StatusCode expected)
    {
        await using var pair = await InvokePair.StartAsync(app => app.MapPost("/fail", () => Results.StatusCode(status)));
        var grpc = Grpc(pair.Emulator, out var channel);
        using var _ = channel;

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.InvokeServiceAsync(Request("app-b", "fail", ProtoV1.HTTPExtension.Types.Verb.Post)).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task TheSdksInvokeMethodGrpcAsyncToAnHttpAppFailsAsDaprdsHttpChannelRefusesItWithoutAnHttpExtension()
    {
        await using var pair = await InvokePair.StartAsync();
        using var client = pair.Emulator.Client("app-a");

        // Obsolete in 1.19 (the SDK recommends a native client), but it is the SDK's InvokeService call.
#pragma warning disable CS0618
        var error = await Assert.ThrowsAsync<InvocationException>(() => client.InvokeMethodGrpcAsync<ProtoV1.GetStateRequest, ProtoV1.GetStateResponse>(
            "app-b", "lookup", new ProtoV1.GetStateRequest { Key = "k" }));
#pragma warning restore CS0618

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.Internal, rpc.StatusCode);
        Assert.Equal(
            "failed to invoke, id: app-b, err: rpc error: code = Internal desc = error invoking app channel: rpc error: code = InvalidArgument desc = missing HTTP extension field",
            rpc.Status.Detail);
        Assert.DoesNotContain(pair.App.Requests, r => r.PathAndQuery.StartsWith("/lookup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownAppIdAndABadMethodAreInternalDirectInvokeErrors()
    {
        await using var pair = await InvokePair.StartAsync();
        var grpc = Grpc(pair.Emulator, out var channel);
        using var _ = channel;

        var unknown = await Assert.ThrowsAsync<RpcException>(() => grpc.InvokeServiceAsync(Request("nobody", "x", ProtoV1.HTTPExtension.Types.Verb.Get)).ResponseAsync);
        var badMethod = await Assert.ThrowsAsync<RpcException>(() => grpc.InvokeServiceAsync(Request("app-b", "a#b", ProtoV1.HTTPExtension.Types.Verb.Get)).ResponseAsync);

        Assert.Equal((StatusCode.Internal, "failed to invoke, id: nobody, err: couldn't find service: nobody"), (unknown.StatusCode, unknown.Status.Detail));
        Assert.Equal(StatusCode.Internal, badMethod.StatusCode);
        Assert.Equal("""failed to invoke, id: app-b, err: rpc error: code = InvalidArgument desc = invalid method: method contains forbidden character: "a#b" """.TrimEnd(), badMethod.Status.Detail);
    }

    [Fact]
    public async Task TheCalleesAccessControlAppliesWithTheExtensionsVerbAndARefusalIsInternal()
    {
        var app = await TestApp.StartAsync(InvokePair.MapEcho);
        await using var __ = app;
        await using var emulator = await EmulatorFixture.StartAsync([("guarded.yaml", InvocationAccessControlTests.Guarded)],
            [new SidecarOptions { AppId = "app-a" }, new SidecarOptions { AppId = "app-b", AppPort = app.Port, ConfigName = "guarded" }]);
        var grpc = Grpc(emulator, out var channel);
        using var _ = channel;

        var allowed = await grpc.InvokeServiceAsync(Request("app-b", "orders/1", ProtoV1.HTTPExtension.Types.Verb.Get)).ResponseAsync;
        var denied = await Assert.ThrowsAsync<RpcException>(() => grpc.InvokeServiceAsync(Request("app-b", "orders/1", ProtoV1.HTTPExtension.Types.Verb.Delete)).ResponseAsync);

        Assert.NotNull(allowed);
        Assert.Equal(StatusCode.Internal, denied.StatusCode);
        Assert.Equal(
            "failed to invoke, id: app-b, err: rpc error: code = PermissionDenied desc = access control policy has denied access to id: spiffe://public/ns/default/app-a operation: orders/1 verb: DELETE",
            denied.Status.Detail);
        Assert.DoesNotContain(app.Requests, r => r.Method == "DELETE");
    }

    private static ProtoV1.Dapr.DaprClient Grpc(EmulatorFixture emulator, out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(emulator.Host["app-a"].GrpcEndpoint);
        return new ProtoV1.Dapr.DaprClient(channel);
    }

    private static ProtoV1.InvokeServiceRequest Request(string appId, string method, ProtoV1.HTTPExtension.Types.Verb verb, string query = "") => new()
    {
        Id = appId,
        Message = new ProtoV1.InvokeRequest
        {
            Method = method,
            HttpExtension = new ProtoV1.HTTPExtension { Verb = verb, Querystring = query },
        },
    };
}
