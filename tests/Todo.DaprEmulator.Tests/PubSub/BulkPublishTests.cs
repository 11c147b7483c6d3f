using System.Net;
using System.Text;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Grpc.Net.Client;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Errors;
using Todo.DaprEmulator.Tests.Infrastructure;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;
using ProtoV1 = Dapr.Client.Autogen.Grpc.v1;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>
/// Bulk publish as dapr/dapr v1.18.3 (same in v1.17.13) serves it: pkg/api/http/http.go onBulkPublish (routes under
/// both /v1.0-alpha1 and /v1.0), pkg/api/grpc/grpc.go bulkPublishEvent (BulkPublishEvent and BulkPublishEventAlpha1),
/// pkg/runtime/pubsub/default_bulkpub.go and contrib's kafka BulkPublish for what the component receives.
/// </summary>
public sealed class BulkPublishTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Theory]
    [InlineData("v1.0-alpha1")]
    [InlineData("v1.0")]
    public async Task EveryEntryIsItsOwnCloudEventWithItsContentTypeAndMetadataOnTheOldestSupportedVersion(string version)
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("orders", "in"));
        await using var emulator = await EmulatorFixture.StartAsync([("pubsub.yaml", Component())],
            [App("pub"), App("sub", subscriber)], daprVersion: DaprVersion.V1_17);
        await WaitForLoadsAsync(emulator, "sub", 1);
        using var http = emulator.Http("pub");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{version}/publish/bulk/pubsub/orders?metadata.cloudevent.type=com.bulk.req")
        {
            Content = new StringContent("""
                [
                  {"entryId":"1","event":{"n":1},"contentType":"application/json","metadata":{"cloudevent.id":"first"}},
                  {"entryId":"2","event":"hello","contentType":"text/plain"}
                ]
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", TraceParent);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var first = await subscriber.NextAsync("/in");
        var second = await subscriber.NextAsync("/in");
        Assert.Equal(1, first.Event.GetProperty("data").GetProperty("n").GetInt32());
        Assert.Equal(("first", "application/json", "pub"), (first.Id, first.Field("datacontenttype"), first.Field("source")));
        // Request metadata reaches only entries that have metadata of their own (http.go: `if entry.Metadata != nil`).
        Assert.Equal("com.bulk.req", first.Field("type"));
        Assert.Equal(("hello", "text/plain", "com.dapr.event.sent"), (second.Field("data"), second.Field("datacontenttype"), second.Field("type")));
        Assert.NotEqual("first", second.Id);
        // One child span per entry: the request's trace id, a span id of its own.
        Assert.All([first, second], d => Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", d.Field("traceparent")));
        Assert.NotEqual(first.Field("traceparent"), second.Field("traceparent"));
    }

    [Fact]
    public async Task ABinaryEntryIsBase64InTheRequestAndRawPayloadSkipsTheEnvelope()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("raw", "raw", ""","metadata":{"rawPayload":"true"}"""));
        await using var emulator = await StartAsync(Component(), App("pub"), App("sub", subscriber));
        using var http = emulator.Http("pub");
        var bytes = new byte[] { 0, 1, 2, 250 };

        using var response = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/raw?metadata.rawPayload=true", new StringContent(
            $$"""[{"entryId":"b","event":"{{Convert.ToBase64String(bytes)}}","contentType":"application/octet-stream"}]"""));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var delivery = await subscriber.NextAsync("/raw");
        Assert.Equal(Convert.ToBase64String(bytes), delivery.Field("data_base64"));
        Assert.Equal("Dapr", delivery.Field("source")); // synthesised for the raw subscription: no publisher envelope
    }

    [Theory]
    [InlineData("""[{"entryId":"1","event":"a","contentType":"text/plain"},{"entryId":"1","event":"b","contentType":"text/plain"}]""")]
    [InlineData("""[{"event":"a","contentType":"text/plain"}]""")]
    public async Task AMissingOrRepeatedEntryIdIs400AndNothingIsPublished(string body)
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("pub"), App("sub", subscriber));
        using var http = emulator.Http("pub");

        using var response = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/t", new StringContent(body));

        await RichStatus.AssertHttpAsync(response, HttpStatusCode.BadRequest, """
            {"errorCode":"ERR_PUBSUB_EVENTS_SER","message":"error marshaling events to bytes for topic t pubsub pubsub. error: entryId is duplicated or not present for entry","details":[
              {"@type":"type.googleapis.com/google.rpc.ResourceInfo","resource_type":"pubsub","resource_name":"pubsub","owner":"","description":"error marshaling events to bytes for topic t pubsub pubsub. error: entryId is duplicated or not present for entry"},
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_PUBSUB_MARSHAL_EVENTS","domain":"dapr.io","metadata":{"appID":"pub","error":"entryId is duplicated or not present for entry"}}]}
            """);
        await emulator.PublishAsync("pub", "t", """{"after":true}""");
        Assert.True((await subscriber.NextAsync("/in")).Event.GetProperty("data").GetProperty("after").GetBoolean());
    }

    [Fact]
    public async Task AnEventThatDoesNotMatchItsContentTypeIs400MarshalEnvelope()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");

        using var response = await http.PostAsync("/v1.0/publish/bulk/pubsub/t",
            new StringContent("""[{"entryId":"1","event":{"not":"text"},"contentType":"text/plain"}]"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"errorCode\":\"ERR_PUBSUB_EVENTS_SER\"", body);
        Assert.Contains("error when marshalling cloud event envelope for topic t pubsub pubsub: error: mismatch between contentType and event", body);
        Assert.Contains("DAPR_PUBSUB_MARSHAL_ENVELOPE", body);
    }

    [Fact]
    public async Task ABodyThatIsNotAListIs400UnmarshalEvents()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");

        using var response = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/t", new StringContent("""{"entryId":"1"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("error when unmarshaling the request for topic t pubsub pubsub: ", body);
        Assert.Contains("\"reason\":\"DAPR_PUBSUB_UNMARSHAL_EVENTS\"", body);
        Assert.Contains("\"metadata\":{\"appID\":\"pub\"}", body);
    }

    [Fact]
    public async Task AnEmptyListPublishesNothingAndSucceeds()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var http = emulator.Http("pub");

        using var response = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/t", new StringContent("[]"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task AForbiddenTopicIs403OverHttpAndPermissionDeniedOverGrpc()
    {
        var component = Component("""
              - name: publishingScopes
                value: "pub=allowed"
            """);
        await using var emulator = await StartAsync(component, App("pub"));
        using var http = emulator.Http("pub");
        using var client = emulator.Client("pub");

        using var response = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/secret",
            new StringContent("""[{"entryId":"1","event":"a","contentType":"text/plain"}]"""));
        var error = await Assert.ThrowsAsync<DaprException>(() => client.BulkPublishEventAsync("pubsub", "secret", new[] { "a" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("\"errorCode\":\"ERR_PUBSUB_FORBIDDEN\"", await response.Content.ReadAsStringAsync());
        var status = RichStatus.FromSdk(error, "ResourceInfo", "ErrorInfo");
        Assert.Equal(((int)StatusCode.PermissionDenied, "topic secret is not allowed for app id pub"), (status.Code, status.Message));
    }

    [Fact]
    public async Task AGrpcEntryWithoutAnIdIsInvalidArgumentWithTheMarshalEventsReason()
    {
        await using var emulator = await StartAsync(Component(), App("pub"));
        using var channel = GrpcChannel.ForAddress(emulator.Host["pub"].GrpcEndpoint);
        var grpc = new ProtoV1.Dapr.DaprClient(channel);
        var request = new ProtoV1.BulkPublishRequest { PubsubName = "pubsub", Topic = "t" };
        request.Entries.Add(new ProtoV1.BulkPublishRequestEntry { Event = Google.Protobuf.ByteString.CopyFromUtf8("a"), ContentType = "text/plain" });

        var stable = await Assert.ThrowsAsync<RpcException>(() => grpc.BulkPublishEventAsync(request).ResponseAsync);
#pragma warning disable CS0612 // the alpha1 name is still served by every supported version
        var alpha = await Assert.ThrowsAsync<RpcException>(() => grpc.BulkPublishEventAlpha1Async(request).ResponseAsync);
#pragma warning restore CS0612

        foreach (var error in new[] { stable, alpha })
        {
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal("error marshaling events to bytes for topic t pubsub pubsub. error: entryId is duplicated or not present for entry", error.Status.Detail);
            Assert.Equal("DAPR_PUBSUB_MARSHAL_EVENTS", RichStatus.ErrorInfo(RichStatus.FromTrailer(error)).Reason);
        }
    }

    [Fact]
    public async Task TheSdkBulkPublishOnKafkaKeysEveryRecordWithTheRequestsPartitionKey()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("keyed", "in"));
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component("""
              - name: initialOffset
                value: oldest
            """), [App("pub"), App("sub", subscriber)]);
        using var client = kafka.Client("pub");

        var result = await client.BulkPublishEventAsync("pubsub", "keyed", new[] { new { n = 1 }, new { n = 2 } },
            new Dictionary<string, string> { ["partitionKey"] = "user-7" });

        Assert.Empty(result.FailedEntries);
        var deliveries = new[] { await subscriber.NextAsync("/in"), await subscriber.NextAsync("/in") };
        // contrib kafka BulkPublish copies the request metadata onto every entry: one key, one partition, in order.
        Assert.All(deliveries, d => Assert.Equal("user-7", d.Headers["__key"]));
        Assert.Equal([1, 2], deliveries.Select(d => d.Event.GetProperty("data").GetProperty("n").GetInt32()));
    }

    [Fact]
    public async Task AnEntryTheComponentCannotProduceIsListedAsFailedAndTheOthersArePublished()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component("""
              - name: initialOffset
                value: oldest
            """), [App("pub"), App("sub", subscriber)]);
        using var http = kafka.Http("pub");

        // contrib v1.18.4 partitioner.go: partition 9 of 4 is the partitioner's error, and sarama (async_producer.go
        // dispatcher → returnError) fails that message alone; SendMessages returns ProducerErrors, whose text is the
        // component's error, and mapKafkaProducerErrors gives the entry its own.
        using var response = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/t", new StringContent("""
            [{"entryId":"ok","event":"a","contentType":"text/plain"},
             {"entryId":"bad","event":"b","contentType":"text/plain","metadata":{"partitionNumber":"9"}}]
            """));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("""{"failedEntries":[{"entryId":"bad","error":"partition number 9 is out of range, topic has 4 partitions"}],"errorCode":"ERR_PUBSUB_PUBLISH_MESSAGE"}""", body);
        Assert.Equal(body, response.Headers.GetValues("metadata.responseData").Single());
        Assert.Equal("api error: code = Internal desc = error when publishing to topic t in pubsub pubsub: kafka: Failed to deliver 1 messages.",
            response.Headers.GetValues("metadata.error").Single());
        Assert.Equal("a", (await subscriber.NextAsync("/in")).Field("data"));
    }

    [Theory]
    [InlineData("-1", "partitionNumber must be non-negative, got -1")]
    [InlineData("x", "invalid partitionNumber metadata value \"x\": strconv.ParseInt: parsing \"x\": invalid syntax")]
    [InlineData("99999999999", "invalid partitionNumber metadata value \"99999999999\": strconv.ParseInt: parsing \"99999999999\": value out of range")]
    public async Task APartitionNumberContribCannotParseFailsEveryEntryAndPublishesNone(string partitionNumber, string error)
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component("""
              - name: initialOffset
                value: oldest
            """, partitions: 1), [App("pub"), App("sub", subscriber)]);
        using var http = kafka.Http("pub");

        // contrib v1.18.4 producer.go BulkPublish: parsePartitionNumber fails while the batch is built, and the answer
        // is NewBulkPublishResponse(entries, err): every entry failed with that error, nothing sent.
        using var response = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/t", new StringContent($$$"""
            [{"entryId":"ok","event":"a","contentType":"text/plain"},
             {"entryId":"bad","event":"b","contentType":"text/plain","metadata":{"partitionNumber":"{{{partitionNumber}}}"}}]
            """));
        await kafka.PublishAsync("pub", "t", "\"next\"");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failed = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("failedEntries");
        Assert.Equal([("ok", error), ("bad", error)],
            failed.EnumerateArray().Select(e => (e.GetProperty("entryId").GetString(), e.GetProperty("error").GetString())));
        Assert.Equal($"api error: code = Internal desc = error when publishing to topic t in pubsub pubsub: {error}",
            response.Headers.GetValues("metadata.error").Single());
        Assert.Equal("next", (await subscriber.NextAsync("/in")).Field("data"));
    }

    [Fact]
    public async Task TheSdkBulkPublishFailsWhenTheRequestsPartitionNumberCannotBeParsed()
    {
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(), [App("pub")]);
        using var client = kafka.Client("pub");

        // Request metadata is copied onto every entry (producer.go maps.Copy), so every entry fails; grpc.go
        // bulkPublishEvent answers the component's error as PublishMessage.
        var grpcError = await Assert.ThrowsAsync<DaprException>(() => client.BulkPublishEventAsync("pubsub", "t", new[] { "a" },
            new Dictionary<string, string> { ["partitionNumber"] = "-1" }));

        var status = RichStatus.FromSdk(grpcError, "ResourceInfo", "ErrorInfo");
        Assert.Equal((int)StatusCode.Internal, status.Code);
        Assert.Equal("DAPR_PUBSUB_PUBLISH_MESSAGE", RichStatus.ErrorInfo(status).Reason);
    }

    [Fact]
    public async Task UnderAnOutboundRetryOnlyTheEntriesThatFailedArePublishedAgain()
    {
        var resiliency = Resiliency.ResiliencyKit.Resource("""
            retries:
              bulk:
                policy: constant
                duration: 10ms
                maxRetries: 2
            """, """
            components:
              pubsub:
                outbound:
                  retry: bulk
            """);
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var kafka = await KafkaEmulator.StartAsync(
            [("pubsub.yaml", KafkaEmulator.Component("""
                  - name: initialOffset
                    value: oldest
                """, partitions: 1)), ("resiliency.yaml", resiliency)],
            [App("pub"), App("sub", subscriber)]);
        using var http = kafka.Http("pub");

        using var response = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/t", new StringContent("""
            [{"entryId":"ok","event":"a","contentType":"text/plain"},
             {"entryId":"bad","event":"b","contentType":"text/plain","metadata":{"partitionNumber":"7"}}]
            """));
        await kafka.PublishAsync("pub", "t", "\"next\"");

        // bulkpublish_resiliency.go: the Accumulator keeps only the failed entries for the next attempt, so "a" is
        // published once however often "b" (partition 7 of 1: sarama fails it alone) is retried; one partition keeps
        // the order.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("\"failedEntries\":[{\"entryId\":\"bad\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("a", (await subscriber.NextAsync("/in")).Field("data"));
        Assert.Equal("next", (await subscriber.NextAsync("/in")).Field("data"));
    }
}
