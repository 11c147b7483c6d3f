using Microsoft.AspNetCore.Http;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>
/// How the app's answer decides the fate of a message on <c>pubsub.in-memory</c>, which hands each message to the
/// runtime once and only logs an error (components-contrib pubsub/in-memory/in-memory.go); the dead-letter topic is
/// daprd's (dapr/dapr pkg/runtime/subscription/subscription.go). Each test publishes a second message afterwards:
/// deliveries are in order per subscription, so its arrival proves the first one is finished, and counts taken then
/// are final.
/// </summary>
public sealed class DeliveryTests
{
    [Theory]
    [InlineData("SUCCESS")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ASuccessfulAnswerAcknowledgesTheMessage(string? status)
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, _, _) => status is null ? Results.Ok() : Results.Ok(new { status });
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"first\"");
        await emulator.PublishAsync("sub", "t", "\"second\"");
        var first = await subscriber.NextAsync("/in");
        var second = await subscriber.NextAsync("/in");

        Assert.Equal("first", first.Event.GetProperty("data").GetString());
        Assert.Equal("second", second.Event.GetProperty("data").GetString());
    }

    [Theory]
    [InlineData("RETRY", 200)]
    [InlineData("success", 200)] // statuses are case-sensitive: an unknown one is a failure
    [InlineData(null, 500)]
    [InlineData(null, 503)]
    public async Task ARetriableAnswerIsLoggedAndTheMessageIsLostAsInContribsInMemoryComponent(string? status, int httpStatus)
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, delivery, _) => delivery.Body.Contains("\"first\"", StringComparison.Ordinal)
            ? Results.Json(new { status }, statusCode: httpStatus)
            : Results.Ok(new { status = "SUCCESS" });
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"first\"");
        await emulator.PublishAsync("sub", "t", "\"second\"");
        var first = await subscriber.NextAsync("/in");
        var second = await subscriber.NextAsync("/in");

        Assert.Equal("first", first.Event.GetProperty("data").GetString());
        Assert.Equal("second", second.Event.GetProperty("data").GetString());
        Assert.Empty(subscriber.Drain("/in"));
    }

    [Theory]
    [InlineData("DROP", 200)]
    [InlineData(null, 404)]
    public async Task ADroppedMessageGoesToTheDeadLetterTopicUnchanged(string? status, int httpStatus)
    {
        await using var subscriber = await Subscriber.StartAsync(
            """[{"pubsubName":"pubsub","topic":"t","route":"in","deadLetterTopic":"poison"},{"pubsubName":"pubsub","topic":"poison","route":"dead"}]""");
        subscriber.Respond = (path, _, _) => path == "/in" ? Results.Json(new { status }, statusCode: httpStatus) : Results.Ok();
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"m\"");
        var delivered = await subscriber.NextAsync("/in");
        var dead = await subscriber.NextAsync("/dead");

        Assert.Equal(delivered.Body, dead.Body);
        Assert.Equal("t", dead.Field("topic"));
        Assert.Empty(subscriber.Drain("/in"));
    }

    [Fact]
    public async Task AFailedMessageGoesToTheDeadLetterTopicAtOnce()
    {
        await using var subscriber = await Subscriber.StartAsync(
            """[{"pubsubName":"pubsub","topic":"t","route":"in","deadLetterTopic":"poison"},{"pubsubName":"pubsub","topic":"poison","route":"dead"}]""");
        subscriber.Respond = (path, _, _) => path == "/in" ? Results.StatusCode(500) : Results.Ok();
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"m\"");
        var dead = await subscriber.NextAsync("/dead");

        Assert.Single(subscriber.Drain("/in"));
        Assert.Equal("m", dead.Event.GetProperty("data").GetString());
    }

    [Fact]
    public async Task WithoutADeadLetterTopicAFailedMessageIsDeliveredOnceAndTheNextOneFlows()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, delivery, _) => delivery.Body.Contains("\"poison\"", StringComparison.Ordinal) ? Results.StatusCode(500) : Results.Ok();
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));
        var failures = new List<string>();
        emulator.Runtime().DeliveryFailed += f => { lock (failures) { failures.Add(f.Reason); } };

        await emulator.PublishAsync("sub", "t", "\"poison\"");
        await emulator.PublishAsync("sub", "t", "\"healthy\"");
        var received = new List<Delivery>();
        while (received.LastOrDefault()?.Body.Contains("healthy", StringComparison.Ordinal) != true)
        {
            received.Add(await subscriber.NextAsync("/in"));
        }

        Assert.Single(received, d => d.Body.Contains("\"poison\"", StringComparison.Ordinal));
        Assert.Single(received, d => d.Body.Contains("healthy", StringComparison.Ordinal));
        lock (failures)
        {
            var failure = Assert.Single(failures);
            Assert.Contains("status code returned: 500", failure);
        }
    }

    [Fact]
    public async Task MessagesOfOneSubscriptionArriveOneAtATimeInPublishOrder()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        var inFlight = 0;
        var overlapped = false;
        subscriber.Respond = (_, _, _) =>
        {
            if (Interlocked.Increment(ref inFlight) > 1)
            {
                overlapped = true;
            }

            Thread.Sleep(5);
            Interlocked.Decrement(ref inFlight);
            return Results.Ok();
        };
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        for (var i = 0; i < 20; i++)
        {
            await emulator.PublishAsync("sub", "t", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var order = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            order.Add((await subscriber.NextAsync("/in")).Event.GetProperty("data").GetInt32());
        }

        Assert.Equal(Enumerable.Range(0, 20), order);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task DeliveryCarriesTheCloudEventContentTypeThePubsubHeaderAndTheAppApiToken()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber, appApiToken: "app-secret"));

        await emulator.PublishAsync("sub", "t", "{}");
        var delivery = await subscriber.NextAsync("/in");

        Assert.Equal("application/cloudevents+json", delivery.ContentType);
        Assert.Equal("pubsub", delivery.Headers["pubsubname"]);
        Assert.Equal("app-secret", delivery.Headers["dapr-api-token"]);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", delivery.Headers["traceparent"]);
        Assert.True(subscriber.SubscribeRequests.TryPeek(out var discovery));
        Assert.Equal("app-secret", discovery["dapr-api-token"]);
        Assert.Equal("sub", discovery["dapr-app-id"]);
    }

    [Fact]
    public async Task PublishMetadataReachesTheAppAsHeaders()
    {
        // in-memory.go passes the publish metadata to the handler; daprd's HTTP postman sends it as headers.
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "{}", query: "?metadata.partitionKey=user-1&metadata.origin=tests");
        var delivery = await subscriber.NextAsync("/in");

        Assert.Equal("user-1", delivery.Headers["partitionKey"]);
        Assert.Equal("tests", delivery.Headers["origin"]);
        Assert.Equal("pubsub", delivery.Headers["pubsubname"]);
    }

    [Fact]
    public async Task AMessageForAnUnreachableAppIsLost()
    {
        var first = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var emulator = await StartAsync(Component(), App("sub", first));
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        emulator.Runtime().DeliveryFailed += f =>
        {
            if (f.Reason.StartsWith("connection error", StringComparison.Ordinal))
            {
                failed.TrySetResult();
            }
        };

        var port = first.Port;
        await first.DisposeAsync();
        await emulator.PublishAsync("sub", "t", "\"while away\"");
        await failed.Task.WaitAsync(Subscriber.Timeout);
        await using var back = await Subscriber.StartAsync(Subscribe("t", "in"), port);
        await emulator.PublishAsync("sub", "t", "\"after\"");
        var delivery = await back.NextAsync("/in");

        Assert.Equal("after", delivery.Event.GetProperty("data").GetString());
        Assert.Empty(back.Drain("/in"));
    }
}
