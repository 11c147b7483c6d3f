using System.Collections.Concurrent;
using Todo.Backend.Features.Tasks;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// Keeps a task's Dapr job in step with the task: scheduled (overwritten) when the effective reminder instant changes,
/// deleted when the task is completed, deleted or its reminder cleared.
/// </summary>
/// <remarks>
/// The task change is saved first, so a job call that fails (sidecar or scheduler unreachable) must not fail the save,
/// and must not lose the reminder either: the job change is kept and retried with backoff until it lands, a newer
/// change of the same task replaces it, and a reminder whose time has passed is given up. Each failure is logged and
/// counted (<c>todo.reminders.job_failures</c>). Retries live in this process; so that a restart before the sidecar
/// comes back loses nothing, the owner of a failed job call is also handed to <see cref="ReminderReconciler"/>, which
/// marks the user durably and re-makes all of that user's jobs once the sidecar answers (docs/reminders.md).
/// <para>
/// The turns (<see cref="Gate"/>) order the job calls of one task within this process only. With several backend
/// replicas, two changes of one task saved on two replicas can have their job calls land in the other order (an
/// older instant, or a delete after a reopen, written last). So after every job call that landed, the task is read
/// back and, if it now wants another job, that job is made too: the last job call of a task is always followed by a
/// read that sees the task's last save, so the job converges on it whichever replica wrote last (ADR 0015).
/// </para>
/// </remarks>
internal sealed class ReminderSync(ReminderJobs jobs, IReminderTaskSource tasks, TimeProvider time, ReminderMetrics metrics, ILogger<ReminderSync> logger)
    : BackgroundService
{
    // A read-back that keeps finding another instant means writers on other replicas are still changing the task;
    // each of them reads back after its own call, so this replica can stop after a few rounds.
    private const int MaxReadBacks = 3;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, PendingJob> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _failedUsers = new(StringComparer.Ordinal);
    // Striped locks: one job call per task at a time, so a late retry can never overwrite a newer change.
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Job changes waiting for a retry.</summary>
    public int PendingCount => _pending.Count;

    public async Task ApplyAsync(TaskRecord? before, TaskRecord? after, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var previous = before is null ? null : TaskTimes.RemindAt(before, zone);
        var next = after is null ? null : TaskTimes.RemindAt(after, zone);
        // A task that moved to another owner keeps its instant, but its job names the owner whose key the callback reads.
        if (next == previous && (before is null || after is null || before.UserId == after.UserId))
        {
            return;
        }

        var (taskId, userId) = ((after ?? before)!.Id, (after ?? before)!.UserId);
        PendingJob? change = next is { } remindAt && ReminderInstant.IsWorthScheduling(remindAt, time.GetUtcNow())
            ? new PendingJob(taskId, userId, new ReminderJobData(userId, taskId, remindAt))
            : previous is not null ? new PendingJob(taskId, userId, null) : null;
        if (change is null)
        {
            _pending.TryRemove(taskId, out _);
            return;
        }

        await SubmitAsync(change with { Zone = zone }, cancellationToken);
    }

    /// <summary>
    /// Makes the task's job what the task says now, whatever was there (overwrite: idempotent). The reconciler and a
    /// stale trigger use it to re-make a job that a failed call or a time-zone change left at the wrong instant.
    /// <paramref name="read"/> reads the task inside this task's turn: a change saved before that read is seen, and one
    /// saved after it queues its own job call behind this one, so an old copy can never overwrite a newer job.
    /// Returns false when the job call failed (it is then queued for a retry).
    /// </summary>
    public async Task<bool> EnsureAsync(string taskId, Func<CancellationToken, Task<TaskRecord?>> read, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var gate = Gate(taskId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await read(cancellationToken) is not { } task || ReminderInstant.ToSchedule(task, zone, time.GetUtcNow()) is not { } remindAt)
            {
                return true;
            }

            var job = new PendingJob(task.Id, task.UserId, new ReminderJobData(task.UserId, task.Id, remindAt)) { Zone = zone };
            return await ApplyInTurnAsync(job, cancellationToken) && await ReadBackInTurnAsync(job, zone, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Users with a job call that failed since the last call, for <see cref="ReminderReconciler"/> to mark durably.
    /// </summary>
    public IReadOnlyList<string> TakeFailedUsers()
    {
        var users = _failedUsers.Keys.ToList();
        foreach (var user in users)
        {
            _failedUsers.TryRemove(user, out _);
        }

        return users;
    }

    /// <summary>Gives back users that <see cref="TakeFailedUsers"/> returned but could not be marked.</summary>
    public void ReturnFailedUsers(IEnumerable<string> users)
    {
        foreach (var user in users)
        {
            _failedUsers.TryAdd(user, 0);
        }
    }

    private async Task<bool> SubmitAsync(PendingJob change, CancellationToken cancellationToken)
    {
        var gate = Gate(change.TaskId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ApplyInTurnAsync(change, cancellationToken) && await ReadBackInTurnAsync(change, change.Zone, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// After <paramref name="written"/> landed: reads the task and makes the job it wants now if that is another one
    /// (a change saved on another replica whose job call landed before ours). A task that is gone is left alone: its
    /// own delete removed the job, and a job it missed fires into a stale trigger that is ignored.
    /// </summary>
    private async Task<bool> ReadBackInTurnAsync(PendingJob written, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxReadBacks; round++)
        {
            TaskRecord? task;
            try
            {
                task = await tasks.FindAsync(written.UserId, written.TaskId, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or Dapr.DaprException && !cancellationToken.IsCancellationRequested)
            {
                // The job call landed; the reconciler re-makes this user's jobs from the tasks once the store answers.
                _failedUsers.TryAdd(written.UserId, 0);
                logger.LogWarning(ex, "Task {TaskId} could not be read back after its job call; its user is queued for a resync", written.TaskId);
                return true;
            }

            if (task is null)
            {
                return true;
            }

            var wanted = TaskTimes.RemindAt(task, zone);
            if (wanted == written.Schedule?.RemindAt)
            {
                return true;
            }

            PendingJob? next = wanted is { } remindAt && ReminderInstant.IsWorthScheduling(remindAt, time.GetUtcNow())
                ? new PendingJob(task.Id, task.UserId, new ReminderJobData(task.UserId, task.Id, remindAt))
                : written.Schedule is not null ? new PendingJob(task.Id, task.UserId, null) : null;
            if (next is null)
            {
                return true;
            }

            logger.LogInformation("Task {TaskId} changed while its job call was under way; its job follows the task", written.TaskId);
            if (!await ApplyInTurnAsync(next with { Zone = zone }, cancellationToken))
            {
                return false;
            }

            written = next;
        }

        return true;
    }

    /// <summary>Makes a job change while holding the task's turn; a failure queues it for a retry.</summary>
    private async Task<bool> ApplyInTurnAsync(PendingJob change, CancellationToken cancellationToken)
    {
        _pending.TryRemove(change.TaskId, out _);
        if (await TryApplyAsync(change, cancellationToken))
        {
            return true;
        }

        _pending[change.TaskId] = change with { NextAttempt = time.GetUtcNow() + FirstRetry, Delay = FirstRetry };
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(FirstRetry, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var pending in _pending.Values.Where(p => p.NextAttempt <= time.GetUtcNow()).ToList())
            {
                await RetryAsync(pending, stoppingToken);
            }
        }
    }

    private async Task RetryAsync(PendingJob pending, CancellationToken cancellationToken)
    {
        var gate = Gate(pending.TaskId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Replaced or done meanwhile.
            if (!_pending.TryGetValue(pending.TaskId, out var current) || current != pending)
            {
                return;
            }

            if (pending.Schedule is { } data && !ReminderInstant.IsWorthScheduling(data.RemindAt, time.GetUtcNow()))
            {
                _pending.TryRemove(pending.TaskId, out _);
                logger.LogError("The reminder of task {TaskId} at {RemindAt:O} was given up: the scheduler stayed unreachable past its time",
                    pending.TaskId, data.RemindAt);
                return;
            }

            if (await TryApplyAsync(pending, cancellationToken))
            {
                _pending.TryRemove(pending.TaskId, out _);
                logger.LogInformation("The reminder job of task {TaskId} was updated on retry", pending.TaskId);
                // A retry carries the change as it was; another replica may have changed the task since.
                await ReadBackInTurnAsync(pending, pending.Zone, cancellationToken);
                return;
            }

            var delay = TimeSpan.FromTicks(Math.Min(pending.Delay.Ticks * 2, LongestRetry.Ticks));
            _pending[pending.TaskId] = pending with { NextAttempt = time.GetUtcNow() + delay, Delay = delay };
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> TryApplyAsync(PendingJob change, CancellationToken cancellationToken)
    {
        try
        {
            if (change.Schedule is { } data)
            {
                await jobs.ScheduleAsync(data, cancellationToken);
            }
            else
            {
                await jobs.DeleteAsync(change.TaskId, cancellationToken);
            }

            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            metrics.JobFailed(change.Schedule is null ? "delete" : "schedule");
            _failedUsers.TryAdd(change.UserId, 0);
            logger.LogError(ex, "The reminder job of task {TaskId} could not be updated; it will be retried", change.TaskId);
            return false;
        }
    }

    private SemaphoreSlim Gate(string taskId) => _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(taskId) % _locks.Length)];

    /// <summary>A job change still to be made: schedule <see cref="Schedule"/>, or delete the task's job when null.</summary>
    private sealed record PendingJob(string TaskId, string UserId, ReminderJobData? Schedule)
    {
        /// <summary>The owner's time zone the instant was counted in (for the read-back).</summary>
        public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

        public DateTimeOffset NextAttempt { get; init; }

        public TimeSpan Delay { get; init; }
    }
}
