using System.Globalization;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

public sealed class FanOutTests
{
    [Fact]
    public async Task EveryAppIdGetsEachMessageOnceAsAKafkaConsumerGroupWould()
    {
        await using var backend = await Subscriber.StartAsync(Subscribe("task-events", "events"));
        await using var web = await Subscriber.StartAsync(Subscribe("task-events", "toast"));
        await using var emulator = await StartAsync(Component(), App("publisher"), App("backend", backend), App("web", web));
        using var client = emulator.Client("publisher");

        await client.PublishEventAsync("pubsub", "task-events", new { n = 1 });
        await client.PublishEventAsync("pubsub", "task-events", new { n = 2 });

        foreach (var (subscriber, path) in new[] { (backend, "/events"), (web, "/toast") })
        {
            Assert.Equal(1, (await subscriber.NextAsync(path)).Event.GetProperty("data").GetProperty("n").GetInt32());
            Assert.Equal(2, (await subscriber.NextAsync(path)).Event.GetProperty("data").GetProperty("n").GetInt32());
            Assert.Empty(subscriber.Drain(path));
        }
    }

    [Fact]
    public async Task AppsSharingAConsumerIdCompeteForMessages()
    {
        var shared = """
              - name: consumerID
                value: workers
            """;
        await using var one = await Subscriber.StartAsync(Subscribe("jobs", "work"));
        await using var two = await Subscriber.StartAsync(Subscribe("jobs", "work"));
        await using var emulator = await StartAsync(Component(shared), App("one", one), App("two", two));

        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string App, int N)>();
        using var received = new SemaphoreSlim(0);
        foreach (var (subscriber, name) in new[] { (one, "one"), (two, "two") })
        {
            subscriber.Respond = (_, delivery, _) =>
            {
                seen.Enqueue((name, delivery.Event.GetProperty("data").GetInt32()));
                received.Release();

                return Microsoft.AspNetCore.Http.Results.Ok();
            };
        }

        for (var i = 0; i < 10; i++)
        {
            await emulator.PublishAsync("one", "jobs", i.ToString(CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.True(await received.WaitAsync(Subscriber.Timeout));
        }

        // One more message proves nothing else is on its way: deliveries of the group are in order.
        await emulator.PublishAsync("one", "jobs", "10");
        Assert.True(await received.WaitAsync(Subscriber.Timeout));

        Assert.Equal(Enumerable.Range(0, 11), seen.Select(s => s.N).Order());
        Assert.Contains(seen, s => s.App == "one");
        Assert.Contains(seen, s => s.App == "two");
    }

    [Fact]
    public async Task AUuidConsumerIdBroadcastsToEveryApp()
    {
        var broadcast = """
              - name: consumerID
                value: "{uuid}"
            """;
        await using var one = await Subscriber.StartAsync(Subscribe("news", "news"));
        await using var two = await Subscriber.StartAsync(Subscribe("news", "news"));
        await using var emulator = await StartAsync(Component(broadcast), App("one", one), App("two", two));

        await emulator.PublishAsync("one", "news", "1");

        await one.NextAsync("/news");
        await two.NextAsync("/news");
    }

    [Fact]
    public async Task ASlowSubscriberHoldsUpNeitherThePublisherNorOtherApps()
    {
        await using var slow = await Subscriber.StartAsync(Subscribe("t", "slow"));
        await using var fast = await Subscriber.StartAsync(Subscribe("t", "fast"));
        var release = new TaskCompletionSource();
        slow.Respond = (_, _, _) =>
        {
            release.Task.Wait(Subscriber.Timeout);
            return Microsoft.AspNetCore.Http.Results.Ok();
        };
        await using var emulator = await StartAsync(Component(), App("slow", slow), App("fast", fast));

        try
        {
            await emulator.PublishAsync("fast", "t", "1");
            await emulator.PublishAsync("fast", "t", "2");

            await fast.NextAsync("/fast");
            await fast.NextAsync("/fast");
            await slow.NextAsync("/slow");
        }
        finally
        {
            release.SetResult();
        }

        Assert.Equal(2, (await slow.NextAsync("/slow")).Event.GetProperty("data").GetInt32());
    }

    [Fact]
    public async Task TheSdkBulkPublishDeliversEveryEntry()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("bulk", "bulk"));
        await using var emulator = await StartAsync(Component(), App("publisher"), App("sub", subscriber));
        using var client = emulator.Client("publisher");

        var result = await client.BulkPublishEventAsync("pubsub", "bulk", new[] { new { n = 1 }, new { n = 2 } });

        Assert.Empty(result.FailedEntries);
        Assert.Equal(1, (await subscriber.NextAsync("/bulk")).Event.GetProperty("data").GetProperty("n").GetInt32());
        var second = await subscriber.NextAsync("/bulk");
        Assert.Equal(2, second.Event.GetProperty("data").GetProperty("n").GetInt32());
        Assert.Equal("publisher", second.Field("source"));
    }
}
