using Todo.Contracts.Tasks;

namespace Todo.Contracts.Events;

/// <summary>
/// CloudEvent types of topic <see cref="DaprNames.TaskEventsTopic"/>. Every event carries the owner's user id and a
/// snapshot of the task after the change; the CloudEvent id is deterministic (task id, version, type) so subscribers
/// can de-duplicate at-least-once deliveries.
/// </summary>
public static class TaskEventTypes
{
    /// <summary>A task was created.</summary>
    public const string Created = "com.todo.task.created";

    /// <summary>A task's fields changed.</summary>
    public const string Updated = "com.todo.task.updated";

    /// <summary>A task was completed.</summary>
    public const string Completed = "com.todo.task.completed";

    /// <summary>A completed task was reopened.</summary>
    public const string Reopened = "com.todo.task.reopened";

    /// <summary>A task was deleted.</summary>
    public const string Deleted = "com.todo.task.deleted";

    /// <summary>
    /// An open task took a new place in its project's manual order (<see cref="TaskChanged.Order"/>); its fields and
    /// version did not change (ADR 0016).
    /// </summary>
    public const string Moved = "com.todo.task.moved";

    /// <summary>
    /// A task moved to a project these people are not members of: for them it is gone as if deleted, and the snapshot is
    /// the task as they last could see it (the new project's members get the <see cref="Updated"/> event instead).
    /// </summary>
    public const string Removed = "com.todo.task.removed";

    /// <summary>Every task event type.</summary>
    public static readonly IReadOnlyList<string> All = [Created, Updated, Completed, Reopened, Deleted, Moved, Removed];

    /// <summary>Whether the task is gone for those who receive the event (deleted, or moved where they cannot see it).</summary>
    public static bool IsGone(string type) => type is Deleted or Removed;
}

/// <summary>The data of every <c>com.todo.task.*</c> event.</summary>
/// <param name="EventId">The CloudEvent id, repeated in the data for subscribers that only see the data.</param>
/// <param name="Type">The CloudEvent type (<see cref="TaskEventTypes"/>).</param>
/// <param name="UserId">The owner of the task; also the partition key.</param>
/// <param name="Task">The task after the change (for a deletion, the task as it was).</param>
/// <param name="OccurredAt">When the change happened (UTC).</param>
public sealed record TaskChanged(string EventId, string Type, string UserId, TaskDto Task, DateTimeOffset OccurredAt)
{
    /// <summary>
    /// Everyone who may see the change: the project's owner and members (ADR 0011, step 2). Empty in events published
    /// before sharing, which reach <see cref="UserId"/> only.
    /// </summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>Who made the change (a member of a shared project, or the owner); null in events from before sharing.</summary>
    public string? ActorId { get; init; }

    /// <summary>
    /// For <see cref="TaskEventTypes.Moved"/>: the project's open tasks in their new order, so a tab reorders its list
    /// without a read. Null on other events, and on a move in a project too long to send whole
    /// (more than <see cref="MaxOrderInEvent"/> open tasks): a tab then reads its list again.
    /// </summary>
    public TaskOrder? Order { get; init; }

    /// <summary>The most task ids a <see cref="TaskEventTypes.Moved"/> event carries (about 30 bytes each).</summary>
    public const int MaxOrderInEvent = 2_000;
}

/// <summary>Data of <c>com.todo.reminder.due</c> on topic <see cref="DaprNames.RemindersTopic"/>.</summary>
/// <param name="EventId">Deterministic id: task id plus reminder instant.</param>
/// <param name="UserId">Who gets the toast: the task's assignee, else its creator (the owner for tasks from before sharing).</param>
/// <param name="TaskId">The task.</param>
/// <param name="Title">The task's title.</param>
/// <param name="DueAt">The task's due instant, if any (UTC).</param>
/// <param name="RemindAt">The reminder instant that fired (UTC).</param>
public sealed record ReminderDue(string EventId, string UserId, string TaskId, string Title, DateTimeOffset? DueAt, DateTimeOffset RemindAt)
{
    /// <summary>CloudEvent type of this event.</summary>
    public const string EventType = "com.todo.reminder.due";
}
