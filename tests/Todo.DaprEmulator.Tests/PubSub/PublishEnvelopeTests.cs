using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Todo.DaprEmulator.Tests.Infrastructure;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

public sealed partial class PublishEnvelopeTests
{
    [Fact]
    public async Task TheSdkPublishReachesAnotherAppInTheEnvelopeDaprdBuilds()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("orders", "orders"));
        await using var emulator = await StartAsync(Component(), App("publisher"), App("sub", subscriber));
        using var client = emulator.Client("publisher");

        await client.PublishEventAsync("pubsub", "orders", new { OrderId = 7, Name = "x" });
        var delivery = await subscriber.NextAsync("/orders");

        var ce = delivery.Event;
        Assert.True(Guid.TryParse(delivery.Id, out var id));
        Assert.Equal(4, id.Version);
        Assert.Equal("publisher", delivery.Field("source"));
        Assert.Equal("com.dapr.event.sent", delivery.Field("type"));
        Assert.Equal("1.0", delivery.Field("specversion"));
        Assert.Equal("application/json", delivery.Field("datacontenttype"));
        Assert.Equal("orders", delivery.Field("topic"));
        Assert.Equal("pubsub", delivery.Field("pubsubname"));
        Assert.Matches(TraceParent(), delivery.Field("traceparent"));
        Assert.Equal(delivery.Field("traceparent"), delivery.Field("traceid"));
        Assert.Equal("", delivery.Field("tracestate"));
        Assert.Matches(Rfc3339Seconds(), delivery.Field("time"));
        Assert.Equal(7, ce.GetProperty("data").GetProperty("orderId").GetInt32());
        Assert.False(ce.TryGetProperty("data_base64", out _));
        // daprd marshals a Go map: keys come out sorted.
        var keys = ce.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task AnHttpPublishWithoutContentTypeIsTextPlainWithStringData()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", """{"looks":"like json"}""", contentType: null);
        var delivery = await subscriber.NextAsync("/in");

        Assert.Equal("text/plain", delivery.Field("datacontenttype"));
        Assert.Equal("""{"looks":"like json"}""", delivery.Field("data"));
        Assert.Equal("sub", delivery.Field("source"));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", """{"a":1}""", "object")]
    [InlineData("application/json", "not json", "string")]
    [InlineData("application/problem+json", """{"a":1}""", "string")]
    [InlineData("text/csv", "a,b", "string")]
    public async Task DataPlacementFollowsTheContentType(string contentType, string body, string kind)
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", body, contentType);
        var delivery = await subscriber.NextAsync("/in");

        var data = delivery.Event.GetProperty("data");
        Assert.Equal(contentType, delivery.Field("datacontenttype"));
        Assert.Equal(kind == "object" ? JsonValueKind.Object : JsonValueKind.String, data.ValueKind);
        if (kind == "string")
        {
            Assert.Equal(body, data.GetString());
        }
    }

    [Fact]
    public async Task OctetStreamDataIsBase64InDataBase64()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));
        using var http = emulator.Http("sub");
        var bytes = new byte[] { 0, 1, 2, 250, 255 };

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await http.PostAsync("/v1.0/publish/pubsub/t", content);
        var delivery = await subscriber.NextAsync("/in");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Convert.ToBase64String(bytes), delivery.Field("data_base64"));
        Assert.False(delivery.Event.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task CloudEventMetadataOverridesTheGeneratedFieldsButNotTopicOrPubsub()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        await emulator.PublishAsync("sub", "t", "{}", query:
            "?metadata.cloudevent.id=my-id&metadata.cloudevent.source=my-source&metadata.cloudevent.type=com.todo.task.created" +
            $"&metadata.cloudevent.subject=task-1&metadata.cloudevent.traceparent={traceParent}&metadata.cloudevent.tracestate=k%3Dv" +
            "&metadata.cloudevent.topic=other&metadata.cloudevent.pubsubname=other");
        var delivery = await subscriber.NextAsync("/in");

        Assert.Equal("my-id", delivery.Id);
        Assert.Equal("my-source", delivery.Field("source"));
        Assert.Equal("com.todo.task.created", delivery.Field("type"));
        Assert.Equal("task-1", delivery.Field("subject"));
        Assert.Equal(traceParent, delivery.Field("traceparent"));
        Assert.Equal(traceParent, delivery.Field("traceid"));
        Assert.Equal("k=v", delivery.Field("tracestate"));
        Assert.Equal("t", delivery.Field("topic"));
        Assert.Equal("pubsub", delivery.Field("pubsubname"));
        // Delivered as a new span of the same trace.
        Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", delivery.Headers["traceparent"]);
        Assert.Equal("k=v", delivery.Headers["tracestate"]);
    }

    [Fact]
    public async Task AnIncomingTraceparentContinuesItsTrace()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));
        using var http = emulator.Http("sub");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/publish/pubsub/t") { Content = new StringContent("x") };
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        await http.SendAsync(request);
        var delivery = await subscriber.NextAsync("/in");

        Assert.StartsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-", delivery.Field("traceparent"));
        Assert.NotEqual("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", delivery.Field("traceparent"));
    }

    [Fact]
    public async Task ARawPayloadReachesARawSubscriptionInASynthesizedEnvelope()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("raw", "raw", ""","metadata":{"rawPayload":"true"}"""));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "raw", "plain bytes", "text/plain", "?metadata.rawPayload=true");
        var delivery = await subscriber.NextAsync("/raw");

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("plain bytes")), delivery.Field("data_base64"));
        Assert.Equal("application/octet-stream", delivery.Field("datacontenttype"));
        Assert.Equal("Dapr", delivery.Field("source"));
        Assert.Equal("raw", delivery.Field("topic"));
        Assert.True(Guid.TryParse(delivery.Id, out _));
        Assert.Equal("application/cloudevents+json", delivery.ContentType);
    }

    [Fact]
    public async Task APublisherCloudEventIsKeptWithTopicOverwrittenAndNoGeneratedId()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", """{"type":"com.todo.x","topic":"wrong","data":{"n":1},"specversion":"1.0"}""", "application/cloudevents+json");
        var delivery = await subscriber.NextAsync("/in");

        Assert.False(delivery.Event.TryGetProperty("id", out _));
        Assert.Equal("com.todo.x", delivery.Field("type"));
        Assert.Equal("t", delivery.Field("topic"));
        Assert.Equal("pubsub", delivery.Field("pubsubname"));
        Assert.Equal("Dapr", delivery.Field("source"));
        Assert.Matches(TraceParent(), delivery.Field("traceparent"));
        Assert.Matches(Rfc3339Seconds(), delivery.Field("time"));
        Assert.Equal(1, delivery.Event.GetProperty("data").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task TtlAddsAnExpirationAndAnExpiredMessageIsNotDelivered()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        var release = new TaskCompletionSource();
        subscriber.Respond = (_, delivery, _) =>
        {
            // The first message holds the subscription, so the next one waits in the queue while time passes.
            if (delivery.Body.Contains("\"hold\"", StringComparison.Ordinal))
            {
                release.Task.Wait(Subscriber.Timeout);
            }

            return Microsoft.AspNetCore.Http.Results.Ok();
        };
        await using var emulator = await EmulatorFixture.StartAsync([("pubsub.yaml", Component())], [App("sub", subscriber)], time);
        await WaitForLoadsAsync(emulator, "sub", 1);

        await emulator.PublishAsync("sub", "t", "\"hold\"");
        await subscriber.NextAsync("/in");
        await emulator.PublishAsync("sub", "t", "\"expires\"", query: "?metadata.ttlInSeconds=60");
        time.Advance(TimeSpan.FromMinutes(2));
        release.SetResult();
        await emulator.PublishAsync("sub", "t", "\"lives\"", query: "?metadata.ttlInSeconds=3600");
        var next = await subscriber.NextAsync("/in");

        Assert.Equal("lives", next.Event.GetProperty("data").GetString());
        Assert.Equal("2026-03-01T13:02:00Z", next.Field("expiration"));
        Assert.Equal("2026-03-01T12:02:00Z", next.Field("time"));
        Assert.Empty(subscriber.Drain("/in"));
    }

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$")]
    private static partial Regex TraceParent();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339Seconds();
}
