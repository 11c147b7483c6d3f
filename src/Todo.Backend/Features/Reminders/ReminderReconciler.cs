using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Tasks;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// Restores "every open task whose reminder is ahead has exactly one job, at that instant" for the users listed in
/// <see cref="ReminderResyncQueue"/>: at start, every <see cref="Period"/>, and at once when <see cref="Nudge"/>d (a
/// time-zone change). For each listed user it reads the account (for the zone) and the tasks, re-makes the job of
/// every open task with a reminder ahead (overwrite, so running twice is harmless), and unlists the user when every
/// call landed. A crash halfway leaves the user listed, so the next pass (on this or another replica) redoes it.
/// </summary>
/// <remarks>
/// Cost model: idle, one state read of one small key per <see cref="Period"/> per replica, whatever the number of
/// users. Per listed user, one account read, the task list (bulk reads of at most <see cref="TaskStore.BulkReadKeys"/>
/// keys), and per open task with a reminder ahead one task read (in the task's turn) and one job call, <see cref="ParallelJobCalls"/> at a time; at most
/// <see cref="UsersPerPass"/> users per pass, so one pass is bounded. Users get listed only by time-zone changes and by
/// failed job calls. Jobs of completed or deleted tasks are not looked for: such a job fires into a stale trigger,
/// which is acknowledged and dropped.
/// </remarks>
internal sealed class ReminderReconciler(
    ReminderResyncQueue queue,
    ReminderSync sync,
    TaskStore tasks,
    AccountStore accounts,
    TimeProvider time,
    ILogger<ReminderReconciler> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private const int UsersPerPass = 20;
    private const int ParallelJobCalls = 4;

    // How soon a failed job call is made durable (the in-process retry queue is lost with the process).
    private static readonly TimeSpan MarkEvery = TimeSpan.FromSeconds(5);

    private TaskCompletionSource _nudge = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs a pass now instead of at the next period (after a user was listed).</summary>
    public void Nudge() => Volatile.Read(ref _nudge).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPass = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var nudged = Volatile.Read(ref _nudge).Task.IsCompleted;
            if (nudged)
            {
                // Replaced before the pass: a nudge that arrives during the pass gets a pass of its own.
                Volatile.Write(ref _nudge, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            try
            {
                await MarkFailedUsersAsync(stoppingToken);
                if (nudged || time.GetUtcNow() >= nextPass)
                {
                    nextPass = time.GetUtcNow() + Period;
                    await PassAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The sidecar or the store is not there yet (start-up) or any more: try again soon, not a period later.
                logger.LogWarning(ex, "A reminder reconciliation pass failed; it runs again in {Delay}", MarkEvery);
                nextPass = time.GetUtcNow() + MarkEvery;
            }

            await Task.WhenAny(Volatile.Read(ref _nudge).Task, Task.Delay(MarkEvery, time, stoppingToken)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One pass: re-make the jobs of (up to <see cref="UsersPerPass"/> of) the listed users.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        var listed = await queue.ListAsync(cancellationToken);
        foreach (var (userId, token) in listed.Take(UsersPerPass))
        {
            if (await ResyncUserAsync(userId, cancellationToken))
            {
                await queue.RemoveAsync(userId, token, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Re-makes every job of one user from their tasks and current time zone. True when every job call landed (a
    /// failed one is queued in <see cref="ReminderSync"/> and the user stays listed).
    /// </summary>
    public async Task<bool> ResyncUserAsync(string userId, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(userId, cancellationToken) is not { } account)
        {
            // Gone or being deleted: the deletion removes the jobs.
            return true;
        }

        AccountRules.TryFindTimeZone(account.TimeZone, out var zone);
        var now = time.GetUtcNow();
        // Only open tasks carry a reminder ahead, so the archive of completed tasks is never read. Tasks of projects
        // shared with the user are their owners' to resync: reminders count in the owner's time zone (ADR 0011).
        var due = (await tasks.ListOpenAsync(userId, cancellationToken)).Open
            .Where(task => task.UserId == userId && ReminderInstant.ToSchedule(task, zone, now) is not null)
            .ToList();
        var allLanded = true;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = ParallelJobCalls, CancellationToken = cancellationToken },
            async (task, token) =>
            {
                // Read again in the task's turn: the list may be older than a change saved meanwhile.
                if (!await sync.EnsureAsync(task.Id, async t => (await tasks.GetAsync(userId, task.Id, t)).Task, zone, token))
                {
                    allLanded = false;
                }
            });
        logger.LogInformation("Re-made {Count} reminder job(s) of user {UserId} in time zone {TimeZone}", due.Count, userId, account.TimeZone);
        return allLanded;
    }

    /// <summary>Lists the owners of failed job calls durably; they stay in memory until that write lands.</summary>
    private async Task MarkFailedUsersAsync(CancellationToken cancellationToken)
    {
        var failed = sync.TakeFailedUsers();
        var marked = false;
        try
        {
            marked = await queue.AddAsync(failed, cancellationToken);
        }
        finally
        {
            if (!marked)
            {
                sync.ReturnFailedUsers(failed);
            }
        }
    }
}
