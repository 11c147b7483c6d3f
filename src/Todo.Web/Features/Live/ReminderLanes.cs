namespace Todo.Web.Features.Live;

/// <summary>
/// Work per user in the order it came, users in parallel: each user's work chains on that user's last. The reminders
/// subscription answers the sidecar as soon as a toast is queued here, so a Kafka partition (one delivery at a time,
/// components-contrib common/component/kafka/consumer.go ConsumeClaim) waits for no one's circuits, while one user's
/// toasts still come in the order the partition delivered them (docs/decisions/0015).
/// </summary>
/// <remarks>
/// Bounded: a user with <see cref="MaxPendingPerUser"/> toasts waiting, or a replica shutting down, gets
/// <c>false</c> and the handler answers RETRY, so under overload delivery stays at-least-once (the sidecar retries,
/// then parks the message in the dead-letter topic) instead of growing memory without end.
/// </remarks>
public sealed class ReminderLanes(ILogger<ReminderLanes> logger) : IHostedService
{
    /// <summary>How many toasts one user may have waiting before deliveries for that user are refused (RETRY).</summary>
    public const int MaxPendingPerUser = 256;

    // How long a stopping replica lets queued toasts reach circuits that are still open.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _stopping;

    /// <summary>How many users have work queued or running.</summary>
    public int ActiveLanes
    {
        get
        {
            lock (_lock)
            {
                return _lanes.Count;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="work"/> behind the user's earlier work; false (nothing queued) when the user's lane is
    /// full or the replica is stopping. A failure of the work is logged and does not stop the lane.
    /// </summary>
    public bool TryEnqueue(string userId, Func<Task> work)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        lock (_lock)
        {
            if (_stopping)
            {
                return false;
            }

            if (!_lanes.TryGetValue(userId, out var lane))
            {
                lane = new Lane();
                _lanes[userId] = lane;
            }
            else if (lane.Pending >= MaxPendingPerUser)
            {
                return false;
            }

            lane.Pending++;
            lane.Tail = RunAfterAsync(lane.Tail, userId, lane, work);
            return true;
        }
    }

    /// <summary>Completes when everything queued so far has run (tests and shutdown).</summary>
    public Task IdleAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_lanes.Values.Select(l => l.Tail));
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _stopping = true;
        }

        // Toasts already acknowledged go to the circuits still open; what is not done by then was shown to nobody
        // who would still be connected after the stop anyway (circuits live in this process).
        try
        {
            await IdleAsync().WaitAsync(DrainTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("Stopped with {Users} users' reminder toasts still queued", ActiveLanes);
        }
    }

    private async Task RunAfterAsync(Task previous, string userId, Lane lane, Func<Task> work)
    {
        // Always off the caller's thread: TryEnqueue holds the lock, and a sidecar delivery must not run a toast.
        await previous.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        try
        {
            await work();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A reminder toast for user {UserId} failed", userId);
        }
        finally
        {
            lock (_lock)
            {
                // The last one out removes the lane, so idle users hold no memory.
                if (--lane.Pending == 0)
                {
                    _lanes.Remove(userId);
                }
            }
        }
    }

    private sealed class Lane
    {
        public int Pending;

        public Task Tail = Task.CompletedTask;
    }
}
