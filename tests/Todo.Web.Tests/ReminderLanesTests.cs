using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Web.Features.Live;

namespace Todo.Web.Tests;

public sealed class ReminderLanesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static ReminderLanes Lanes() => new(NullLogger<ReminderLanes>.Instance);

    [Fact]
    public async Task OneUsersWorkRunsInTheOrderItCameOneAtATime()
    {
        var lanes = Lanes();
        var order = new List<int>();
        var running = 0;
        var overlapped = false;
        for (var i = 0; i < 50; i++)
        {
            var n = i;
            Assert.True(lanes.TryEnqueue("alice", async () =>
            {
                overlapped |= Interlocked.Increment(ref running) > 1;
                await Task.Yield();
                lock (order)
                {
                    order.Add(n);
                }

                Interlocked.Decrement(ref running);
            }));
        }

        await lanes.IdleAsync().WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(0, 50), order);
        Assert.False(overlapped);
        Assert.Equal(0, lanes.ActiveLanes);
    }

    [Fact]
    public async Task AUserWhoseWorkIsStuckHoldsUpNoOtherUser()
    {
        var lanes = Lanes();
        var stuck = new TaskCompletionSource();
        var bobRan = new TaskCompletionSource();
        Assert.True(lanes.TryEnqueue("alice", () => stuck.Task));
        Assert.True(lanes.TryEnqueue("bob", () =>
        {
            bobRan.SetResult();
            return Task.CompletedTask;
        }));

        await bobRan.Task.WaitAsync(Timeout);
        Assert.False(lanes.IdleAsync().IsCompleted);
        stuck.SetResult();
        await lanes.IdleAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task AFullLaneRefusesSoTheDeliveryIsRetriedAndOtherUsersAreStillServed()
    {
        var lanes = Lanes();
        var stuck = new TaskCompletionSource();
        for (var i = 0; i < ReminderLanes.MaxPendingPerUser; i++)
        {
            Assert.True(lanes.TryEnqueue("alice", () => stuck.Task));
        }

        Assert.False(lanes.TryEnqueue("alice", () => Task.CompletedTask));
        Assert.True(lanes.TryEnqueue("bob", () => Task.CompletedTask));
        stuck.SetResult();
        await lanes.IdleAsync().WaitAsync(Timeout);
        Assert.True(lanes.TryEnqueue("alice", () => Task.CompletedTask));
    }

    [Fact]
    public async Task AFailingToastDoesNotStopTheToastsBehindIt()
    {
        var lanes = Lanes();
        var second = new TaskCompletionSource();
        Assert.True(lanes.TryEnqueue("alice", () => throw new InvalidOperationException("circuit gone")));
        Assert.True(lanes.TryEnqueue("alice", () => Task.FromException(new InvalidOperationException("hub gone"))));
        Assert.True(lanes.TryEnqueue("alice", () =>
        {
            second.SetResult();
            return Task.CompletedTask;
        }));

        await second.Task.WaitAsync(Timeout);
    }

    [Fact]
    public async Task AStoppingReplicaFinishesWhatItAcknowledgedAndRefusesNewWork()
    {
        var lanes = Lanes();
        var release = new TaskCompletionSource();
        var done = false;
        Assert.True(lanes.TryEnqueue("alice", async () =>
        {
            await release.Task;
            done = true;
        }));

        var stopping = ((IHostedService)lanes).StopAsync(CancellationToken.None);
        Assert.False(lanes.TryEnqueue("alice", () => Task.CompletedTask));
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(Timeout);
        Assert.True(done);
    }
}
