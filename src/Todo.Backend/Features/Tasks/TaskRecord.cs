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
}

/// <summary>The ids of a user's tasks (key <c>tasks-{userId}</c>); creates and deletes change it under its ETag.</summary>
internal sealed record TaskIndex(List<string> TaskIds);
