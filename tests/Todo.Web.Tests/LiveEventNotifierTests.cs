using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Live;

namespace Todo.Web.Tests;

public sealed class LiveEventNotifierTests
{
    private static LiveEventNotifier Notifier()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSignalR();
        var hub = services.BuildServiceProvider().GetRequiredService<IHubContext<NotificationsHub>>();
        return new LiveEventNotifier(hub, TimeProvider.System, NullLogger<LiveEventNotifier>.Instance);
    }

    private static TaskChanged Change(string userId, string eventId) => new(eventId, TaskEventTypes.Created, userId,
        TaskRowTests.Task(), DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task AnEventReachesEveryCircuitOfItsUserAndNoOtherUser()
    {
        var notifier = Notifier();
        var (tab1, tab2, stranger) = (new Recorder(), new Recorder(), new Recorder());
        using var r1 = tab1.SubscribeTo(notifier, "alice");
        using var r2 = tab2.SubscribeTo(notifier, "alice");
        using var r3 = stranger.SubscribeTo(notifier, "bob");

        await notifier.PublishAsync(Change("alice", "e1"));
        await notifier.PublishAsync(new ReminderDue("e2", "alice", "t1", "Call mom", null, DateTimeOffset.UnixEpoch));

        Assert.Equal(["task e1", "reminder e2"], tab1.Seen);
        Assert.Equal(["task e1", "reminder e2"], tab2.Seen);
        Assert.Empty(stranger.Seen);
    }

    [Fact]
    public async Task AnEventWithoutAnIdOrAUserIsDroppedInsteadOfThrowing()
    {
        var notifier = Notifier();
        var tab = new Recorder();
        using var subscription = tab.SubscribeTo(notifier, "alice");

        var results = new[]
        {
            await notifier.PublishAsync(Change("alice", null!)),
            await notifier.PublishAsync(Change(null!, "e1")),
            await notifier.PublishAsync(new ReminderDue(null!, "alice", "t1", "Call mom", null, DateTimeOffset.UnixEpoch)),
            await notifier.PublishAsync(new ReminderDue("e2", null!, "t1", "Call mom", null, DateTimeOffset.UnixEpoch)),
        };

        Assert.All(results, Assert.False);
        Assert.Empty(tab.Seen);
    }

    [Fact]
    public async Task ARedeliveredEventIsPushedOnce()
    {
        var notifier = Notifier();
        var tab = new Recorder();
        using var subscription = tab.SubscribeTo(notifier, "alice");

        Assert.True(await notifier.PublishAsync(Change("alice", "e1")));
        Assert.False(await notifier.PublishAsync(Change("alice", "e1")));

        Assert.Equal(["task e1"], tab.Seen);
    }

    [Fact]
    public async Task AClosedCircuitGetsNothingMore()
    {
        var notifier = Notifier();
        var tab = new Recorder();
        tab.SubscribeTo(notifier, "alice").Dispose();

        await notifier.PublishAsync(Change("alice", "e1"));

        Assert.Empty(tab.Seen);
        Assert.Equal(0, notifier.SubscriptionCount("alice"));
    }

    private sealed class Recorder
    {
        public List<string> Seen { get; } = [];

        // A circuit's two subscriptions (the task list's and the layout's), as one disposable.
        public IDisposable SubscribeTo(LiveEventNotifier notifier, string userId)
        {
            var changes = notifier.Subscribe(userId, (TaskChanged change) => Record($"task {change.EventId}"));
            var reminders = notifier.Subscribe(userId, (ReminderDue reminder) => Record($"reminder {reminder.EventId}"));
            return new Both(changes, reminders);
        }

        private Task Record(string seen)
        {
            Seen.Add(seen);
            return Task.CompletedTask;
        }
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
