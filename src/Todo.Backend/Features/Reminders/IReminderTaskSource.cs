using Todo.Backend.Features.Tasks;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// Where <see cref="ReminderSync"/> reads a task back after a job call, to converge on what the task says now when
/// another backend replica changed it meanwhile (docs/decisions/0015).
/// </summary>
internal interface IReminderTaskSource
{
    /// <summary>The task as stored now, or null when it is gone (or not the user's).</summary>
    Task<TaskRecord?> FindAsync(string userId, string taskId, CancellationToken cancellationToken);
}

/// <summary>The tasks in the state store.</summary>
internal sealed class StoredReminderTasks(TaskStore store) : IReminderTaskSource
{
    public async Task<TaskRecord?> FindAsync(string userId, string taskId, CancellationToken cancellationToken) =>
        (await store.GetAsync(userId, taskId, cancellationToken)).Task;
}
