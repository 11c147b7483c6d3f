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
        using var r1 = notifier.Register("alice", tab1);
        using var r2 = notifier.Register("alice", tab2);
        using var r3 = notifier.Register("bob", stranger);

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
        using var registration = notifier.Register("alice", tab);

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
        using var registration = notifier.Register("alice", tab);

        Assert.True(await notifier.PublishAsync(Change("alice", "e1")));
        Assert.False(await notifier.PublishAsync(Change("alice", "e1")));

        Assert.Equal(["task e1"], tab.Seen);
    }

    [Fact]
    public async Task AClosedCircuitGetsNothingMore()
    {
        var notifier = Notifier();
        var tab = new Recorder();
        notifier.Register("alice", tab).Dispose();

        await notifier.PublishAsync(Change("alice", "e1"));

        Assert.Empty(tab.Seen);
        Assert.Equal(0, notifier.ListenerCount("alice"));
    }

    private sealed class Recorder : ILiveListener
    {
        public List<string> Seen { get; } = [];

        public Task OnTaskChangedAsync(TaskChanged change)
        {
            Seen.Add($"task {change.EventId}");
            return Task.CompletedTask;
        }

        public Task OnReminderAsync(ReminderDue reminder)
        {
            Seen.Add($"reminder {reminder.EventId}");
            return Task.CompletedTask;
        }
    }
}
