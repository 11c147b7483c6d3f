using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>POD_NAME is process-wide, so tests that set it run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PodNameCollection
{
    public const string Name = "POD_NAME";
}

/// <summary>
/// Two replicas of one app, each an emulator with its own POD_NAME on one shared log (same working directory, same
/// <c>brokers</c>): <c>consumerID: "{podName}"</c> gives each pod its own consumer group, as dapr-components/kubernetes/
/// pubsub-web.yaml relies on; the template is expanded by daprd from POD_NAME (docs/dapr-behaviours.md).
/// </summary>
[Collection(PodNameCollection.Name)]
public sealed class KafkaPodGroupTests
{
    [Fact]
    public async Task PerPodConsumerGroupsGiveEveryReplicaEveryMessage()
    {
        var seen = await RunTwoPodsAsync("{podName}", count: 5);

        Assert.Equal(Enumerable.Range(0, 5), seen.Where(s => s.Pod == "a").Select(s => s.N));
        Assert.Equal(Enumerable.Range(0, 5), seen.Where(s => s.Pod == "b").Select(s => s.N));
    }

    [Fact]
    public async Task ASharedConsumerGroupGivesEachMessageToOneReplica()
    {
        // One partition, one group: after the rebalance the partition belongs to one pod (member ids sort at random).
        var seen = await RunTwoPodsAsync("{appID}", count: 5);

        Assert.Single(seen.Select(s => s.Pod).Distinct());
        Assert.Equal(Enumerable.Range(0, 5), seen.Select(s => s.N));
    }

    [Fact]
    public async Task TheKubernetesComponentsCarryBackendEventsToEveryWebPodThroughOneCluster()
    {
        // dapr-components/kubernetes as deployed: todo-backend publishes through `pubsub` (scoped to it), each todo-web
        // pod consumes through `pubsub-web` (consumerID {podName}, initialOffset newest) on the same brokers.
        var folder = RepoRoot.Combine("dapr-components", "kubernetes");
        (string, string)[] files =
        [
            ("pubsub.yaml", File.ReadAllText(Path.Combine(folder, "pubsub.yaml"))),
            ("pubsub-web.yaml", File.ReadAllText(Path.Combine(folder, "pubsub-web.yaml"))),
        ];
        const string subscription = """[{"pubsubName":"pubsub-web","topic":"reminders","route":"toast"}]""";
        await using var webA = await Subscriber.StartAsync(subscription);
        await using var webB = await Subscriber.StartAsync(subscription);
        KafkaEmulator? podA = null;
        KafkaEmulator? podB = null;
        try
        {
            Environment.SetEnvironmentVariable("POD_NAME", "todo-web-7d9f-a");
            podA = await KafkaEmulator.StartAsync(files, [App("todo-backend"), App("todo-web", webA)]);
            Environment.SetEnvironmentVariable("POD_NAME", "todo-web-7d9f-b");
            podB = await KafkaEmulator.StartAsync(files, [App("todo-backend"), App("todo-web", webB)], shared: podA.Resources);
            foreach (var pod in new[] { podA, podB })
            {
                await ((Todo.DaprEmulator.PubSub.Kafka.KafkaPubSub)pod.Host.Components.Find("pubsub-web", "todo-web")!.Instance).WhenGroupsSettledAsync();
            }

            using var backend = podA.Client("todo-backend");
            await backend.PublishEventAsync("pubsub", "reminders", new { taskId = "t1" }, new Dictionary<string, string> { ["partitionKey"] = "user-1" });

            foreach (var web in new[] { webA, webB })
            {
                var toast = await web.NextAsync("/toast");
                Assert.Equal("t1", toast.Event.GetProperty("data").GetProperty("taskId").GetString());
                Assert.Equal("user-1", toast.Headers["__key"]);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("POD_NAME", null);
            if (podB is not null)
            {
                await podB.DisposeAsync();
            }

            if (podA is not null)
            {
                await podA.DisposeAsync();
            }
        }
    }

    /// <summary>Publishes <paramref name="count"/> messages, then one more as a fence, and returns who got what (fence excluded).</summary>
    private static async Task<List<(string Pod, int N)>> RunTwoPodsAsync(string consumerId, int count)
    {
        var component = KafkaEmulator.Component($"""
              - name: consumerID
                value: "{consumerId}"
              - name: initialOffset
                value: oldest
            """, partitions: 1);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string Pod, int N)>();
        var fences = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var fenced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expectedFences = consumerId == "{podName}" ? 2 : 1;
        await using var first = await Subscriber.StartAsync(Subscribe("reminders", "toast"));
        await using var second = await Subscriber.StartAsync(Subscribe("reminders", "toast"));
        foreach (var (subscriber, pod) in new[] { (first, "a"), (second, "b") })
        {
            subscriber.Respond = (_, delivery, _) =>
            {
                var n = delivery.Event.GetProperty("data").GetInt32();
                if (n == count)
                {
                    fences.Enqueue(pod);
                    if (fences.Count == expectedFences)
                    {
                        fenced.TrySetResult();
                    }
                }
                else
                {
                    seen.Enqueue((pod, n));
                }

                return Microsoft.AspNetCore.Http.Results.Ok();
            };
        }

        KafkaEmulator? podA = null;
        KafkaEmulator? podB = null;
        try
        {
            Environment.SetEnvironmentVariable("POD_NAME", "todo-web-a");
            podA = await KafkaEmulator.StartAsync(component, [App("todo-web", first)]);
            Environment.SetEnvironmentVariable("POD_NAME", "todo-web-b");
            podB = await KafkaEmulator.StartAsync(component, [App("todo-web", second)], shared: podA.Resources);
            await podA.Kafka().WhenGroupsSettledAsync();
            await podB.Kafka().WhenGroupsSettledAsync();

            for (var i = 0; i <= count; i++)
            {
                await podA.PublishAsync("todo-web", "reminders", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "user-1");
            }

            // The fence is the last message of the only partition: once every group has it, nothing else is coming.
            await fenced.Task.WaitAsync(Subscriber.Timeout);
            return seen.ToList();
        }
        finally
        {
            Environment.SetEnvironmentVariable("POD_NAME", null);
            if (podB is not null)
            {
                await podB.DisposeAsync();
            }

            if (podA is not null)
            {
                await podA.DisposeAsync();
            }
        }
    }
}
