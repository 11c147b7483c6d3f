namespace Todo.Contracts.Tasks;

/// <summary>Body of <c>POST /api/tasks</c>.</summary>
public sealed record CreateTaskRequest(
    string? Title,
    string? Notes = null,
    TaskPriority? Priority = null,
    IReadOnlyList<string>? Tags = null,
    DueDto? Due = null,
    ReminderDto? Reminder = null,
    RecurrenceDto? Recurrence = null)
{
    /// <summary>The project to put the task in (an id from <c>GET /api/projects</c>); omitted, the Inbox.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Assign the task to this member of its project (a user id from its members list).</summary>
    public string? AssigneeId { get; init; }

    /// <summary>The task's checklist (up to 100 steps); omitted, none.</summary>
    public IReadOnlyList<StepInput>? Steps { get; init; }
}

/// <summary>
/// Body of <c>PATCH /api/tasks/{id}</c> after merge-patch reading: a property that is absent stays unchanged
/// (<see cref="Has"/> is false); present with null clears it.
/// </summary>
public sealed record UpdateTaskRequest
{
    /// <summary>New title, when present.</summary>
    public string? Title { get; init; }

    /// <summary>New notes, when present (null clears).</summary>
    public string? Notes { get; init; }

    /// <summary>New priority, when present (null means none).</summary>
    public TaskPriority? Priority { get; init; }

    /// <summary>New tags, when present (null clears).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>New due, when present (null clears).</summary>
    public DueDto? Due { get; init; }

    /// <summary>New reminder, when present (null clears).</summary>
    public ReminderDto? Reminder { get; init; }

    /// <summary>New recurrence, when present (null clears).</summary>
    public RecurrenceDto? Recurrence { get; init; }

    /// <summary>Move the task to this project, when present (null means the Inbox).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Assign the task to this member of its project, when present (null unassigns).</summary>
    public string? AssigneeId { get; init; }

    /// <summary>The whole new checklist, when present (null or [] clears); entries with an id keep that step.</summary>
    public IReadOnlyList<StepInput>? Steps { get; init; }

    /// <summary>Names (camelCase) of the properties present in the patch.</summary>
    public IReadOnlySet<string> Present { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the patch mentions <paramref name="property"/>.</summary>
    public bool Has(string property) => Present.Contains(property);
}

/// <summary>Body of <c>POST /api/tasks/{id}/snooze</c>.</summary>
/// <param name="Minutes">Minutes from now (1–10,080).</param>
public sealed record SnoozeRequest(int Minutes);

/// <summary>One page of a task list.</summary>
/// <param name="Items">The tasks of this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to get the next page; null on the last page.</param>
/// <param name="Total">How many tasks match the filter in all.</param>
/// <param name="TotalIsLowerBound">
/// True when <paramref name="Total"/> counts only the matches found so far: a search (text, tag, priority or due
/// filter) of completed tasks reads a bounded part of the archive per page, so its total is known only once
/// <paramref name="NextCursor"/> is null. Open tasks are first, sorted as asked; completed tasks follow newest first.
/// </param>
public sealed record TaskPage(IReadOnlyList<TaskDto> Items, string? NextCursor, int Total, bool TotalIsLowerBound = false);

/// <summary>A tag and how many open tasks carry it.</summary>
public sealed record TagCount(string Tag, int Count);
