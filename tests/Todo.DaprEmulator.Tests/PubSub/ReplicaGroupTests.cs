using Todo.DaprEmulator.Hosting;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>
/// Replicas of one app id in one emulator, each with its own pod name: <c>consumerID: "{podName}"</c> expands per
/// sidecar, so every replica gets every message (how todo-web's pods each show every reminder), while the default
/// group (the app id) shares the messages among them.
/// </summary>
public sealed class ReplicaGroupTests
{
    [Fact]
    public async Task PerPodGroupsGiveEveryReplicaEveryMessage()
    {
        var subscription = Subscribe("reminders", "toast");
        await using var podA = await Subscriber.StartAsync(subscription);
        await using var podB = await Subscriber.StartAsync(subscription);
        await using var emulator = await StartAsync(Component("""
              - name: consumerID
                value: "{podName}"
            """),
            App("publisher"),
            new SidecarOptions { AppId = "web", PodName = "web-a", AppPort = podA.Port },
            new SidecarOptions { AppId = "web", PodName = "web-b", AppPort = podB.Port });

        await emulator.PublishAsync("publisher", "reminders", """{"n":1}""");

        foreach (var pod in new[] { podA, podB })
        {
            var delivery = await pod.NextAsync("/toast");
            Assert.Equal(1, delivery.Event.GetProperty("data").GetProperty("n").GetInt32());
        }
    }
}
