using Todo.Backend.Features.Tasks;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// Keeps a task's Dapr job in step with the task: scheduled (overwritten) when the effective reminder instant changes,
/// deleted when the task is completed, deleted or its reminder cleared. A job that cannot be changed is logged, not
/// fatal: the task change itself is already saved.
/// </summary>
internal sealed class ReminderSync(ReminderJobs jobs, TimeProvider time, ILogger<ReminderSync> logger)
{
    // A reminder that would already be more than a minute late is not worth an immediate toast.
    private static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(1);

    public async Task ApplyAsync(TaskRecord? before, TaskRecord? after, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var previous = before is null ? null : TaskTimes.RemindAt(before, zone);
        var next = after is null ? null : TaskTimes.RemindAt(after, zone);
        if (next == previous)
        {
            return;
        }

        var taskId = (after ?? before)!.Id;
        try
        {
            if (next is { } remindAt && remindAt > time.GetUtcNow() - PastTolerance)
            {
                await jobs.ScheduleAsync(new ReminderJobData(after!.UserId, taskId, remindAt), cancellationToken);
            }
            else if (previous is not null)
            {
                await jobs.DeleteAsync(taskId, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The reminder job of task {TaskId} could not be updated", taskId);
        }
    }
}
