using System.Net;
using Dapr;
using Grpc.Core;
using Todo.DaprEmulator.Tests.Errors;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>
/// Publish errors carry pkg/api/errors/pubsub.go's details on both APIs (dapr/dapr v1.18.3 pkg/api/http/http.go
/// onPublish, pkg/api/grpc/grpc.go validateAndGetPubsubAndTopic and PublishEvent): a ResourceInfo described by the
/// message (not for "not found"/"not configured"), then the ErrorInfo with the request's metadata or what went wrong.
/// </summary>
public sealed class PublishErrorDetailsTests
{
    [Fact]
    public async Task AnUnknownPubsubOverHttpCarriesTheRequestMetadata()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");

        using var response = await http.PostAsync("/v1.0/publish/nope/t?metadata.ttlInSeconds=5", new StringContent("x"));

        await RichStatus.AssertHttpAsync(response, HttpStatusCode.NotFound, """
            {"errorCode":"ERR_PUBSUB_NOT_FOUND","message":"pubsub nope is not found","details":[
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_PUBSUB_NOT_FOUND","domain":"dapr.io","metadata":{"ttlInSeconds":"5"}}]}
            """);
    }

    [Fact]
    public async Task AnUnknownPubsubOverGrpcCarriesTheReasonInTheStatusTheSdkReads()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var client = emulator.Client("pub");

        var error = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("nope", "t", new { a = 1 }));

        var status = RichStatus.FromSdk(error, "ErrorInfo");
        Assert.Equal(((int)StatusCode.InvalidArgument, "pubsub nope is not found"), (status.Code, status.Message));
        var errorInfo = RichStatus.ErrorInfo(status);
        Assert.Equal(("DAPR_PUBSUB_NOT_FOUND", 0), (errorInfo.Reason, errorInfo.Metadata.Count)); // grpc.go: WithMetadata(nil).NotFound()
    }

    [Fact]
    public async Task AForbiddenTopicNamesThePubsubAndTheTopicOnBothApis()
    {
        var component = Component("""
              - name: publishingScopes
                value: "pub=allowed"
            """);
        await using var emulator = await StartAsync(component, App("pub"));
        using var http = emulator.Http("pub");
        using var client = emulator.Client("pub");

        using var response = await http.PostAsync("/v1.0/publish/pubsub/secret", new StringContent("x"));
        var error = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("pubsub", "secret", new { a = 1 }));

        // pubsub.go PublishForbidden: withTopicError(topic, NotAllowedError) — the error is worded as the message.
        await RichStatus.AssertHttpAsync(response, HttpStatusCode.Forbidden, """
            {"errorCode":"ERR_PUBSUB_FORBIDDEN","message":"topic secret is not allowed for app id pub","details":[
              {"@type":"type.googleapis.com/google.rpc.ResourceInfo","resource_type":"pubsub","resource_name":"pubsub","owner":"","description":"topic secret is not allowed for app id pub"},
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_PUBSUB_FORBIDDEN","domain":"dapr.io","metadata":{"error":"topic secret is not allowed for app id pub","topic":"secret"}}]}
            """);
        var status = RichStatus.FromSdk(error, "ResourceInfo", "ErrorInfo");
        Assert.Equal((int)StatusCode.PermissionDenied, status.Code);
        var resource = status.Details[0].Unpack<Google.Rpc.ResourceInfo>();
        Assert.Equal(("pubsub", "pubsub"), (resource.ResourceType, resource.ResourceName));
        var errorInfo = RichStatus.ErrorInfo(status);
        Assert.Equal(("DAPR_PUBSUB_FORBIDDEN", "secret"), (errorInfo.Reason, errorInfo.Metadata["topic"]));
    }

    [Fact]
    public async Task ABadRawPayloadFlagIsAMetadataErrorOnThePubsubResource()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");

        using var response = await http.PostAsync("/v1.0/publish/pubsub/t?metadata.rawPayload=yes", new StringContent("x"));

        const string Message = "failed deserializing metadata. Error: rawPayload value must be a valid boolean: actual is 'yes'";
        await RichStatus.AssertHttpAsync(response, HttpStatusCode.BadRequest, $$$"""
            {"errorCode":"ERR_PUBSUB_REQUEST_METADATA","message":"{{{Message}}}","details":[
              {"@type":"type.googleapis.com/google.rpc.ResourceInfo","resource_type":"pubsub","resource_name":"pubsub","owner":"","description":"{{{Message}}}"},
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_PUBSUB_METADATA_DESERIALIZATION","domain":"dapr.io","metadata":{"rawPayload":"yes"}}]}
            """);
    }
}
