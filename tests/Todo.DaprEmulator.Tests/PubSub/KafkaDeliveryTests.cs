using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.PubSub.Kafka;
using Todo.DaprEmulator.Resiliency;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>
/// pubsub.kafka semantics on the emulator's log, read from components-contrib common/component/kafka (consumer.go,
/// kafka.go, metadata.go, producer.go, partitioner.go), IBM/sarama (partitioner.go, balance_strategy.go), dapr/kit
/// retry/retry.go and dapr/dapr pkg/runtime/subscription/subscription.go. Components use <c>initialOffset: oldest</c>
/// so that a message published right after start-up cannot race the group's first claim.
/// </summary>
public sealed class KafkaDeliveryTests
{
    private const string Oldest = """
          - name: initialOffset
            value: oldest
        """;

    private static string FastRetries(int? maxRetries) => Oldest + $"""

          - name: backOffPolicy
            value: constant
          - name: backOffDuration
            value: 20ms
        """ + (maxRetries is { } max ? $"""

          - name: backOffMaxRetries
            value: "{max}"
        """ : "");

    [Fact]
    public async Task MessagesWithOneKeyArriveInPublishOrderOnTheKeysPartition()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("orders", "in"));
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(Oldest), [App("pub"), App("sub", subscriber)]);

        string[] keys = ["alice", "bob", "carol"];
        for (var i = 0; i < 10; i++)
        {
            foreach (var key in keys)
            {
                await kafka.PublishAsync("pub", "orders", $$"""{"key":"{{key}}","n":{{i}}}""", key);
            }
        }

        var received = new List<Delivery>();
        for (var i = 0; i < 30; i++)
        {
            received.Add(await subscriber.NextAsync("/in"));
        }

        foreach (var key in keys)
        {
            var mine = received.Where(d => d.Headers["__key"] == key).ToList();
            Assert.Equal(Enumerable.Range(0, 10), mine.Select(d => d.Event.GetProperty("data").GetProperty("n").GetInt32()));
            // The sarama hash partitioner decides the partition; offsets grow within it.
            var partition = KafkaPartitioner.Partition(key, null, 4).ToString(CultureInfo.InvariantCulture);
            Assert.All(mine, d => Assert.Equal(partition, d.Headers["__partition"]));
            Assert.All(mine, d => Assert.Equal("orders", d.Headers["__topic"]));
            Assert.All(mine, d => Assert.Equal(key, d.Headers["partitionKey"]));
            var offsets = mine.Select(d => long.Parse(d.Headers["__offset"], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(offsets.Order(), offsets);
        }
    }

    [Fact]
    public async Task PartitionsAreConsumedInParallel()
    {
        var slowKey = KafkaKeys.On(0, 2);
        var fastKey = KafkaKeys.On(1, 2);
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        var fastArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.Respond = (_, delivery, _) =>
        {
            if (delivery.Headers["__key"] == fastKey)
            {
                fastArrived.TrySetResult();
            }
            else
            {
                // The slow partition's handler waits for the other partition: only parallel consumers get past this.
                fastArrived.Task.Wait(Subscriber.Timeout);
            }

            return Results.Ok();
        };
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(Oldest, partitions: 2), [App("pub"), App("sub", subscriber)]);

        await kafka.PublishAsync("pub", "t", "\"slow\"", slowKey);
        await subscriber.NextAsync("/in");
        await kafka.PublishAsync("pub", "t", "\"fast\"", fastKey);
        var fast = await subscriber.NextAsync("/in");

        Assert.Equal(fastKey, fast.Headers["__key"]);
        // The subscriber records a delivery before its handler runs, so the handler may still be on its way; while the
        // slow partition's handler is blocked (for up to 20 s), only a parallel consumer reaches it within 5 s.
        await fastArrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task APoisonMessageBlocksOnlyItsPartitionUntilBackOffMaxRetriesThenThePartitionMovesOn()
    {
        var poisonKey = KafkaKeys.On(0, 2, "poison");
        var otherKey = KafkaKeys.On(1, 2, "other");
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        var poisonAttempts = 0;
        var otherDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.Respond = (_, delivery, _) =>
        {
            if (delivery.Body.Contains("\"poison\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref poisonAttempts);
                // Keep failing until the other partition is done, so the test cannot pass by timing alone.
                otherDone.Task.Wait(Subscriber.Timeout);
                return Results.StatusCode(500);
            }

            return Results.Ok();
        };
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(FastRetries(3), partitions: 2), [App("pub"), App("sub", subscriber)]);
        var gaveUp = new TaskCompletionSource<KafkaRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        kafka.Kafka().GaveUp += record => gaveUp.TrySetResult(record);

        await kafka.PublishAsync("pub", "t", "\"poison\"", poisonKey);
        await kafka.PublishAsync("pub", "t", "\"after poison\"", poisonKey);
        for (var i = 0; i < 5; i++)
        {
            await kafka.PublishAsync("pub", "t", $"\"other {i}\"", otherKey);
        }

        var order = new List<string>();
        while (order.Count < 5 + 1)
        {
            var delivery = await subscriber.NextAsync("/in");
            var data = delivery.Event.GetProperty("data").GetString()!;
            if (data != "poison")
            {
                order.Add(data);
            }

            if (!otherDone.Task.IsCompleted && order.Count(d => d.StartsWith("other", StringComparison.Ordinal)) == 5)
            {
                // The other partition is through while the poison message is still being retried.
                Assert.False(gaveUp.Task.IsCompleted);
                otherDone.TrySetResult();
            }
        }

        var skipped = await gaveUp.Task.WaitAsync(Subscriber.Timeout);
        Assert.Equal(["other 0", "other 1", "other 2", "other 3", "other 4", "after poison"], order);
        Assert.Equal(1 + 3, poisonAttempts); // the first attempt and backOffMaxRetries retries
        Assert.Equal(poisonKey, skipped.Key);
        Assert.Equal(0, skipped.Offset);
    }

    [Fact]
    public async Task ByDefaultAFailingMessageIsRetriedWithoutLimitAndHoldsUpItsPartition()
    {
        var key = KafkaKeys.On(0, 1);
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        var healed = 0;
        subscriber.Respond = (_, delivery, count) =>
            Volatile.Read(ref healed) == 0 && delivery.Body.Contains("\"first\"", StringComparison.Ordinal) ? Results.StatusCode(500) : Results.Ok();
        // No backOffMaxRetries: dapr/kit's DefaultConfig has MaxRetries -1; only the interval is shortened here.
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(FastRetries(null), partitions: 1), [App("pub"), App("sub", subscriber)]);

        await kafka.PublishAsync("pub", "t", "\"first\"", key);
        await kafka.PublishAsync("pub", "t", "\"second\"", key);
        for (var i = 0; i < 10; i++)
        {
            var delivery = await subscriber.NextAsync("/in");
            Assert.Equal("first", delivery.Event.GetProperty("data").GetString());
        }

        Interlocked.Exchange(ref healed, 1);
        var next = await subscriber.NextAsync("/in");
        while (next.Event.GetProperty("data").GetString() == "first")
        {
            next = await subscriber.NextAsync("/in");
        }

        Assert.Equal("second", next.Event.GetProperty("data").GetString());
    }

    [Fact]
    public void TheDefaultBackOffIsContribsUnlimitedConstantFiveSeconds()
    {
        Assert.Equal(RetryBackOff.Default, RetryBackOff.From([]));
        Assert.False(RetryBackOff.Default.Exponential);
        Assert.Equal(TimeSpan.FromSeconds(5), RetryBackOff.Default.Duration);
        Assert.Equal(-1, RetryBackOff.Default.MaxRetries);
        var state = RetryBackOff.Default.Start(TimeProvider.System);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(TimeSpan.FromSeconds(5), state.Next()));
    }

    [Fact]
    public async Task WithADeadLetterTopicAFailedMessageGoesThereAtOnceKeepingItsKeyAndThePartitionMovesOn()
    {
        var key = KafkaKeys.On(0, 1);
        await using var subscriber = await Subscriber.StartAsync(
            """[{"pubsubName":"pubsub","topic":"t","route":"in","deadLetterTopic":"t-dlq"},{"pubsubName":"pubsub","topic":"t-dlq","route":"dead"}]""");
        subscriber.Respond = (path, delivery, _) =>
            path == "/in" && delivery.Body.Contains("\"poison\"", StringComparison.Ordinal) ? Results.StatusCode(500) : Results.Ok();
        // Unlimited retries configured, yet daprd sends to the dead-letter topic and reports success to the component.
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(FastRetries(null), partitions: 1), [App("pub"), App("sub", subscriber)]);

        await kafka.PublishAsync("pub", "t", "\"poison\"", key);
        await kafka.PublishAsync("pub", "t", "\"healthy\"", key);
        var dead = await subscriber.NextAsync("/dead");
        var deliveries = new List<Delivery> { await subscriber.NextAsync("/in"), await subscriber.NextAsync("/in") };

        Assert.Equal(["poison", "healthy"], deliveries.Select(d => d.Event.GetProperty("data").GetString()));
        Assert.Equal(deliveries[0].Body, dead.Body);
        Assert.Equal(key, dead.Headers["__key"]);
        // The message's metadata went along as record headers: the original topic and offset come back with it.
        Assert.Equal("t", dead.Headers["__topic"]);
        Assert.Empty(subscriber.Drain("/in"));
    }

    [Fact]
    public async Task ADroppedMessageWithoutADeadLetterTopicIsCommittedAndNotRetried()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, delivery, _) =>
            delivery.Body.Contains("\"drop me\"", StringComparison.Ordinal) ? Results.Ok(new { status = "DROP" }) : Results.Ok();
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(FastRetries(null), partitions: 1), [App("pub"), App("sub", subscriber)]);

        await kafka.PublishAsync("pub", "t", "\"drop me\"", "k");
        await kafka.PublishAsync("pub", "t", "\"next\"", "k");

        Assert.Equal("drop me", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
        Assert.Equal("next", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
    }

    [Fact]
    public async Task NothingIsLostAcrossAnEmulatorRestartAndCommittedMessagesAreNotRedelivered()
    {
        var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(FastRetries(null), partitions: 3), [App("pub"), App("sub", subscriber)]);
        try
        {
            string[] keys = ["k1", "k2", "k3", "k4"];
            for (var i = 0; i < 3; i++)
            {
                foreach (var key in keys)
                {
                    await kafka.PublishAsync("pub", "t", $$"""{"key":"{{key}}","n":{{i}}}""", key);
                }
            }

            for (var i = 0; i < 12; i++)
            {
                await subscriber.NextAsync("/in");
            }

            // The app goes away; what is published now is retried inline and never committed.
            var port = subscriber.Port;
            await subscriber.DisposeAsync();
            for (var i = 3; i < 6; i++)
            {
                foreach (var key in keys)
                {
                    await kafka.PublishAsync("pub", "t", $$"""{"key":"{{key}}","n":{{i}}}""", key);
                }
            }

            await kafka.RestartAsync(async () => subscriber = await Subscriber.StartAsync(Subscribe("t", "in"), port));
            var received = new List<Delivery>();
            for (var i = 0; i < 12; i++)
            {
                received.Add(await subscriber.NextAsync("/in"));
            }

            foreach (var key in keys)
            {
                Assert.Equal([3, 4, 5], received.Where(d => d.Headers["__key"] == key).Select(d => d.Event.GetProperty("data").GetProperty("n").GetInt32()));
            }

            // One more message proves nothing else was on its way.
            await kafka.PublishAsync("pub", "t", """{"key":"k1","n":6}""", "k1");
            Assert.Equal(6, (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetProperty("n").GetInt32());
            Assert.Empty(subscriber.Drain("/in"));
        }
        finally
        {
            await kafka.DisposeAsync();
            await subscriber.DisposeAsync();
        }
    }

    [Fact]
    public async Task ANewGroupWithInitialOffsetNewestSkipsWhatWasPublishedBeforeItFirstJoined()
    {
        // contrib's default initialOffset is newest (utils.go parseInitialOffset; sarama Consumer.Offsets.Initial).
        await using var publisherOnly = await KafkaEmulator.StartAsync(KafkaEmulator.Component(partitions: 1), [App("pub")]);
        await publisherOnly.PublishAsync("pub", "t", "\"before the group\"", "k");
        await publisherOnly.StopAsync();

        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var kafka = await KafkaEmulator.StartAsync("", [App("pub"), App("sub", subscriber)], shared: publisherOnly.Resources);
        await kafka.Kafka().WhenGroupsSettledAsync();
        await kafka.PublishAsync("pub", "t", "\"after\"", "k");

        Assert.Equal("after", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
        Assert.Empty(subscriber.Drain("/in"));
    }

    [Fact]
    public async Task AMessageInFlightWhenTheEmulatorStopsIsDeliveredAgainAfterTheRestart()
    {
        // consumer.go doCallback marks a message only after the handler returned nil: no answer, no commit.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, _, count) =>
        {
            if (count == 1)
            {
                release.Task.Wait(Subscriber.Timeout);
            }

            return Results.Ok();
        };
        var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(Oldest, partitions: 1), [App("pub"), App("sub", subscriber)]);
        try
        {
            await kafka.PublishAsync("pub", "t", "\"in flight\"", "k");
            var first = await subscriber.NextAsync("/in");

            await kafka.RestartAsync(() =>
            {
                release.TrySetResult();
                return Task.CompletedTask;
            });
            var again = await subscriber.NextAsync("/in");

            Assert.Equal(first.Body, again.Body);
            Assert.Equal("0", again.Headers["__offset"]);
        }
        finally
        {
            await kafka.DisposeAsync();
            await subscriber.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoConsumerGroupsEachGetEveryMessagePublishedThroughTheSdk()
    {
        await using var backend = await Subscriber.StartAsync(Subscribe("task-events", "events"));
        await using var web = await Subscriber.StartAsync(Subscribe("task-events", "toast"));
        var groups = Oldest + """

              - name: consumerGroup
                value: "{appID}"
            """;
        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(groups), [App("publisher"), App("backend", backend), App("web", web)]);
        using var client = kafka.Client("publisher");

        for (var i = 0; i < 8; i++)
        {
            await client.PublishEventAsync("pubsub", "task-events", new { n = i, user = $"u{i % 3}" },
                new Dictionary<string, string> { ["partitionKey"] = $"u{i % 3}" });
        }

        foreach (var (subscriber, path) in new[] { (backend, "/events"), (web, "/toast") })
        {
            var received = new List<Delivery>();
            for (var i = 0; i < 8; i++)
            {
                received.Add(await subscriber.NextAsync(path));
            }

            Assert.Equal(Enumerable.Range(0, 8), received.Select(d => d.Event.GetProperty("data").GetProperty("n").GetInt32()).Order());
            foreach (var user in received.GroupBy(d => d.Headers["__key"]))
            {
                var numbers = user.Select(d => d.Event.GetProperty("data").GetProperty("n").GetInt32()).ToList();
                Assert.Equal(numbers.Order(), numbers);
            }
        }
    }

    [Fact]
    public async Task MembersOfOneGroupSplitThePartitionsBetweenThem()
    {
        var shared = Oldest + """

              - name: consumerGroup
                value: workers
            """;
        await using var one = await Subscriber.StartAsync(Subscribe("jobs", "work"));
        await using var two = await Subscriber.StartAsync(Subscribe("jobs", "work"));
        var seen = new ConcurrentQueue<(string App, string Partition)>();
        using var received = new SemaphoreSlim(0);
        foreach (var (subscriber, name) in new[] { (one, "one"), (two, "two") })
        {
            subscriber.Respond = (_, delivery, _) =>
            {
                seen.Enqueue((name, delivery.Headers["__partition"]));
                received.Release();
                return Results.Ok();
            };
        }

        await using var kafka = await KafkaEmulator.StartAsync(KafkaEmulator.Component(shared, partitions: 2), [App("one", one), App("two", two)]);
        await kafka.Kafka().WhenGroupsSettledAsync();
        for (var partition = 0; partition < 2; partition++)
        {
            for (var i = 0; i < 3; i++)
            {
                await kafka.PublishAsync("one", "jobs", "{}", KafkaKeys.On(partition, 2));
            }
        }

        for (var i = 0; i < 6; i++)
        {
            Assert.True(await received.WaitAsync(Subscriber.Timeout));
        }

        // Range assignment: each member owns one partition, so each partition went to exactly one app.
        Assert.Equal(2, seen.Select(s => s.App).Distinct().Count());
        Assert.All(seen.GroupBy(s => s.Partition), p => Assert.Single(p.Select(s => s.App).Distinct()));
    }

    [Fact]
    public async Task AMissingBrokersFieldFailsStartUpAsContribDoes()
    {
        var component = """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.kafka
              version: v1
              metadata:
              - name: authType
                value: none
            """;

        var error = await Assert.ThrowsAsync<Todo.DaprEmulator.Components.ComponentLoadException>(() => KafkaEmulator.StartAsync(component, [App("a")]));

        Assert.Contains("missing 'brokers' attribute", error.Message);
    }

    [Fact]
    public async Task AnInvalidBackOffPolicyFailsStartUp()
    {
        var error = await Assert.ThrowsAsync<Todo.DaprEmulator.Components.ComponentLoadException>(() =>
            KafkaEmulator.StartAsync(KafkaEmulator.Component("""
                  - name: backOffPolicy
                    value: linear
                """), [App("a")]));

        Assert.Contains("unexpected back off policy type: linear", error.Message);
    }

    [Fact]
    public void BackOffMetadataIsReadAsDaprKitDecodesIt()
    {
        var config = RetryBackOff.From(new Dictionary<string, string>
        {
            ["backOffPolicy"] = "Exponential",
            ["backOffInitialInterval"] = "100", // whole number: milliseconds
            ["backOffMaxInterval"] = "1m30s",
            ["backOffMaxRetries"] = "7",
            ["backOffMultiplier"] = "2",
            ["backoffDuration"] = "1s", // the prefix is case-sensitive: ignored
        });

        Assert.Equal(RetryBackOff.Default with
        {
            Exponential = true,
            InitialInterval = TimeSpan.FromMilliseconds(100),
            MaxInterval = TimeSpan.FromSeconds(90),
            MaxRetries = 7,
            Multiplier = 2,
        }, config);
        var state = (config with { RandomizationFactor = 0 }).Start(TimeProvider.System);
        Assert.Equal([100, 200, 400, 800, 1600, 3200, 6400], Enumerable.Range(0, 7).Select(_ => (int)Math.Round(state.Next()!.Value.TotalMilliseconds)));
        Assert.Null(state.Next());
    }

    [Theory]
    [InlineData("hello", 10, 3)] // FNV-1a("hello") = 0x4f9f2cab
    [InlineData("user-1", 1, 0)]
    public void KeysArePartitionedWithSaramasHashPartitioner(string key, int partitions, int expected)
    {
        Assert.Equal(0x4f9f2cabu, KafkaPartitioner.Fnv1a32("hello"u8));
        Assert.Equal(expected, KafkaPartitioner.Partition(key, null, partitions));
        Assert.Equal(2, KafkaPartitioner.Partition(key, 2, 3));
        // contrib partitioner.go (v1.18.4) daprPartitioner.Partition: out of range is the partitioner's error.
        Assert.Equal("partition number 3 is out of range, topic has 3 partitions",
            Assert.Throws<KafkaProduceException>(() => KafkaPartitioner.Partition(key, 3, 3)).Message);
    }
}
