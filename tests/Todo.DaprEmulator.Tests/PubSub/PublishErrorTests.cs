using System.Net;
using System.Text.Json;
using Dapr;
using Grpc.Core;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

public sealed class PublishErrorTests
{
    [Fact]
    public async Task AnUnknownPubsubIs404OverHttpAndInvalidArgumentOverGrpc()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");
        using var client = emulator.Client("pub");

        var response = await http.PostAsync("/v1.0/publish/nope/t", new StringContent("x"));
        var error = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("nope", "t", new { a = 1 }));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "ERR_PUBSUB_NOT_FOUND");
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task WithoutAPubsubVisibleToTheAppPublishIs400NotConfigured()
    {
        await using var emulator = await StartAsync(Component(scopes: "scopes: [someone-else]"), App("pub"));
        using var http = emulator.Http("pub");
        using var client = emulator.Client("pub");

        var response = await http.PostAsync("/v1.0/publish/pubsub/t", new StringContent("x"));
        var error = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("pubsub", "t", new { a = 1 }));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "ERR_PUBSUB_NOT_CONFIGURED");
        Assert.Equal(StatusCode.FailedPrecondition, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task AnEmptyTopicIs404TopicNameEmpty()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");

        var response = await http.PostAsync("/v1.0/publish/pubsub/", new StringContent("x"));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "ERR_TOPIC_NAME_EMPTY");
    }

    [Fact]
    public async Task ANonBooleanRawPayloadIs400RequestMetadata()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");

        var response = await http.PostAsync("/v1.0/publish/pubsub/t?metadata.rawPayload=yes", new StringContent("x"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "ERR_PUBSUB_REQUEST_METADATA");
    }

    [Fact]
    public async Task AnInvalidPublisherCloudEventIs500CloudEventsSer()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");
        using var content = new StringContent("[1,2]");
        content.Headers.ContentType = new("application/cloudevents+json");

        var response = await http.PostAsync("/v1.0/publish/pubsub/t", content);

        await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "ERR_PUBSUB_CLOUD_EVENTS_SER");
    }

    [Fact]
    public async Task PublishingScopesForbidATopicWith403AndPermissionDenied()
    {
        var component = Component("""
              - name: publishingScopes
                value: "pub=allowed;other="
            """);
        await using var emulator = await StartAsync(component, App("pub"), App("other"));
        using var http = emulator.Http("pub");
        using var otherHttp = emulator.Http("other");
        using var client = emulator.Client("pub");

        var allowed = await http.PostAsync("/v1.0/publish/pubsub/allowed", new StringContent("x"));
        var forbidden = await http.PostAsync("/v1.0/publish/pubsub/secret", new StringContent("x"));
        var nothingForOther = await otherHttp.PostAsync("/v1.0/publish/pubsub/allowed", new StringContent("x"));
        var error = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("pubsub", "secret", new { a = 1 }));

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        await AssertErrorAsync(forbidden, HttpStatusCode.Forbidden, "ERR_PUBSUB_FORBIDDEN");
        await AssertErrorAsync(nothingForOther, HttpStatusCode.Forbidden, "ERR_PUBSUB_FORBIDDEN");
        Assert.Equal(StatusCode.PermissionDenied, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task PutPublishesToo()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");

        var response = await http.PutAsync("/v1.0/publish/pubsub/a/b/c", new StringContent("x"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        Assert.Equal(status, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(errorCode, body.GetProperty("errorCode").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }
}
