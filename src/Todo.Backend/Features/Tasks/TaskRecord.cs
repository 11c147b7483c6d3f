using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>A task as stored in the state store (key <c>task-{userId}-{taskId}</c>).</summary>
internal sealed record TaskRecord
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string Title { get; init; }

    public string? Notes { get; init; }

    public TaskPriority Priority { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public DueDto? Due { get; init; }

    public ReminderDto? Reminder { get; init; }

    /// <summary>A snooze moves the reminder without forgetting how it was set; any change to due or reminder clears it.</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }

    public RecurrenceDto? Recurrence { get; init; }

    /// <summary>1 for the first task of a series, then 2, 3, … (for a recurrence with a count).</summary>
    public int Occurrence { get; init; } = 1;

    public bool Completed { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// 1 when created, incremented by the service on every change. It is the task's ETag on every surface (HTTP ETag,
    /// the <c>etag</c> of MCP and chat results) and part of deterministic event ids. The service knows it without
    /// reading the task back, which the state store's own ETag would need (Dapr's save does not return it). A
    /// document stored without it loads as version 1, the version every task was created with.
    /// </summary>
    public long Version { get; init; } = 1;

    /// <summary>
    /// The archive page (<see cref="ArchivePage"/>) a completed task's id was put in, so a reopen or delete finds it
    /// without scanning the archive. Null while open, and for tasks archived by the migration of an old index (those
    /// are found by a scan of the page ids).
    /// </summary>
    public int? ArchivePage { get; init; }

    /// <summary>The project the task is in (ADR 0011); null for the Inbox, where every task stored before projects is.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The member of the project the task is assigned to (ADR 0011, step 2); its reminders go to them.</summary>
    public string? AssigneeId { get; init; }

    /// <summary>Who created the task; null for tasks from before sharing, created by their owner (<see cref="UserId"/>).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The task's checklist (ADR 0013), in order; absent in documents stored before steps.</summary>
    public IReadOnlyList<TaskStepDto> Steps { get; init; } = [];
}

/// <summary>
/// A user's task index (key <c>tasks-{userId}</c>), changed under its ETag. Format 2 (ADR 0010): <see cref="TaskIds"/>
/// holds the open tasks only; completed tasks are in <see cref="ArchivePage"/>s numbered 0 … <see cref="ArchivePages"/>-1.
/// An index stored before (no <c>format</c>) holds every task id and is migrated on first read (<see cref="TaskIndexMigration"/>).
/// </summary>
internal sealed record TaskIndex(List<string> TaskIds)
{
    public const int CurrentFormat = 2;

    public int Format { get; init; }

    /// <summary>How many archive pages exist; the newest, the one completions go to, is the last.</summary>
    public int ArchivePages { get; init; }

    /// <summary>How many completed tasks the archive holds (what an unfiltered list of completed tasks totals).</summary>
    public int ArchivedCount { get; init; }
}

/// <summary>
/// One fixed-size page of a user's completed task ids (key <c>tasks-done-{userId}-{page}</c>), in the order they were
/// completed; the archive reads newest first (last page, last id). A completion appends to the newest page or starts a
/// new one; reopen and delete remove an id where it is, so older pages only shrink and a cursor into them stays valid.
/// </summary>
internal sealed record ArchivePage(List<string> TaskIds)
{
    public const int Capacity = 256;
}
