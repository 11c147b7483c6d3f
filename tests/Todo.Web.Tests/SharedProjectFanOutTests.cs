using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Contracts.Events;
using Todo.Web.Features.Live;

namespace Todo.Web.Tests;

/// <summary>
/// A change to a task of a shared project reaches the circuits of everyone its event names (owner and members, ADR
/// 0011 step 2), once each, and nobody else; an event from before sharing reaches its owner alone.
/// </summary>
public sealed class SharedProjectFanOutTests
{
    [Fact]
    public async Task AChangeInASharedProjectReachesEveryMemberOnceAndNobodyElse()
    {
        var notifier = Notifier();
        var seen = new List<string>();
        using var owner = notifier.Subscribe("alice", (TaskChanged c) => Record(seen, $"alice {c.EventId}"));
        using var member = notifier.Subscribe("bob", (TaskChanged c) => Record(seen, $"bob {c.EventId}"));
        using var stranger = notifier.Subscribe("carol", (TaskChanged c) => Record(seen, $"carol {c.EventId}"));

        var shared = new TaskChanged("e1", TaskEventTypes.Updated, "alice", TaskRowTests.Task(), DateTimeOffset.UnixEpoch)
        {
            Audience = ["alice", "bob", "bob"],
            ActorId = "bob",
        };
        Assert.True(await notifier.PublishAsync(shared));
        Assert.False(await notifier.PublishAsync(shared));
        await notifier.PublishAsync(new TaskChanged("e2", TaskEventTypes.Created, "alice", TaskRowTests.Task(), DateTimeOffset.UnixEpoch));

        Assert.Equal(["alice e1", "bob e1", "alice e2"], seen);
    }

    [Fact]
    public async Task AProjectChangeReachesTheOwnerAndEveryoneItNamesOnceEach()
    {
        var notifier = Notifier();
        var seen = new List<string>();
        using var owner = notifier.Subscribe("alice", (ProjectChanged c) => Record(seen, $"alice {c.Type}"));
        using var removed = notifier.Subscribe("bob", (ProjectChanged c) => Record(seen, $"bob {c.Type}"));
        using var stranger = notifier.Subscribe("carol", (ProjectChanged c) => Record(seen, $"carol {c.Type}"));
        using var tasksOnly = notifier.Subscribe("bob", (TaskChanged c) => Record(seen, "bob task"));

        // Bob was removed: the audience still names him (the members before the change), so his tabs drop the project.
        var change = new ProjectChanged("p1-v3-memberremoved", ProjectEventTypes.MemberRemoved, "alice", "p1", "Trip", DateTimeOffset.UnixEpoch)
        {
            Audience = ["bob"],
            MemberId = "bob",
        };
        Assert.True(await notifier.PublishAsync(change));
        Assert.False(await notifier.PublishAsync(change));

        Assert.Equal(["alice " + ProjectEventTypes.MemberRemoved, "bob " + ProjectEventTypes.MemberRemoved], seen);
        Assert.Equal(2, notifier.SubscriptionCount("bob"));
    }

    [Fact]
    public void TheAudienceAlwaysHoldsTheOwnerAndIsBounded()
    {
        var crowd = new TaskChanged("e1", TaskEventTypes.Updated, "owner", TaskRowTests.Task(), DateTimeOffset.UnixEpoch)
        {
            Audience = [.. Enumerable.Range(0, 500).Select(i => $"u{i}"), ""],
        };

        var audience = TaskAudience.Of(crowd);

        Assert.Equal("owner", audience[0]);
        Assert.Equal(TaskAudience.MaxRecipients, audience.Count);
        Assert.DoesNotContain("", audience);
    }

    private static Task Record(List<string> seen, string what)
    {
        lock (seen)
        {
            seen.Add(what);
        }

        return Task.CompletedTask;
    }

    private static LiveEventNotifier Notifier()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSignalR();
        var hub = services.BuildServiceProvider().GetRequiredService<IHubContext<NotificationsHub>>();
        return new LiveEventNotifier(hub, TimeProvider.System, NullLogger<LiveEventNotifier>.Instance);
    }
}
