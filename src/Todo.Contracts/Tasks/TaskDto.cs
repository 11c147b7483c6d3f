namespace Todo.Contracts.Tasks;

/// <summary>A task as the API returns it.</summary>
/// <param name="Id">Opaque task id.</param>
/// <param name="Title">1–200 characters.</param>
/// <param name="Notes">Up to 4,000 characters.</param>
/// <param name="Priority">none, low, medium or high.</param>
/// <param name="Tags">Up to 10 normalised (lower-case) tags.</param>
/// <param name="Due">Due date, optionally with a time, in the owner's time zone.</param>
/// <param name="DueAt">The due instant in UTC: the due time, or the end of the due day when only a date is set.</param>
/// <param name="Reminder">When to remind: an instant or an offset before the due time.</param>
/// <param name="RemindAt">The effective reminder instant (UTC), when a reminder is set and not completed.</param>
/// <param name="Recurrence">How the task repeats, if it does.</param>
/// <param name="RecurrenceSummary">Human-readable recurrence ("every 2 weeks on Mon and Wed").</param>
/// <param name="Completed">Whether the task is done.</param>
/// <param name="CompletedAt">When it was completed (UTC).</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="ETag">Concurrency token; send it back in <c>If-Match</c> to update safely.</param>
public sealed record TaskDto(
    string Id,
    string Title,
    string? Notes,
    TaskPriority Priority,
    IReadOnlyList<string> Tags,
    DueDto? Due,
    DateTimeOffset? DueAt,
    ReminderDto? Reminder,
    DateTimeOffset? RemindAt,
    RecurrenceDto? Recurrence,
    string? RecurrenceSummary,
    bool Completed,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ETag)
{
    /// <summary>The project the task is in (<c>inbox</c> for the Inbox).</summary>
    public string ProjectId { get; init; } = Projects.ProjectDto.InboxId;

    /// <summary>The member of the task's project it is assigned to, if any (reminders go to them).</summary>
    public string? AssigneeId { get; init; }

    /// <summary>Who created the task (a member, in a shared project); null for tasks from before sharing (the owner).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The task's checklist (up to 100 steps, in order); empty when it has none.</summary>
    public IReadOnlyList<TaskStepDto> Steps { get; init; } = [];
}

/// <summary>A due date in the owner's time zone, with an optional time of day.</summary>
/// <param name="Date">The local date.</param>
/// <param name="Time">The local time, or null for "some time that day".</param>
public sealed record DueDto(DateOnly Date, TimeOnly? Time = null);

/// <summary>A reminder: either an absolute instant or a number of minutes before the due time (exactly one).</summary>
/// <param name="At">Remind at this instant.</param>
/// <param name="MinutesBefore">Remind this many minutes before the due time (0–40,320, i.e. up to 4 weeks).</param>
public sealed record ReminderDto(DateTimeOffset? At = null, int? MinutesBefore = null);

/// <summary>How often a task repeats.</summary>
public enum RecurrenceFrequency
{
    /// <summary>Every N days.</summary>
    Daily,

    /// <summary>Every N weeks, optionally on chosen weekdays.</summary>
    Weekly,

    /// <summary>Every N months, optionally on a day of the month.</summary>
    Monthly,

    /// <summary>Every N years.</summary>
    Yearly,
}

/// <summary>A recurrence rule.</summary>
/// <param name="Frequency">daily, weekly, monthly or yearly.</param>
/// <param name="Interval">Every N periods (1–365).</param>
/// <param name="Days">Weekly: the weekdays it falls on.</param>
/// <param name="MonthDay">Monthly: the day of the month (1–31; months without it are skipped).</param>
/// <param name="Until">Last possible date of an occurrence.</param>
/// <param name="Count">Total number of occurrences (1–1,000).</param>
/// <param name="FromCompletion">Repeat counting from the completion time instead of the due date.</param>
public sealed record RecurrenceDto(
    RecurrenceFrequency Frequency,
    int Interval = 1,
    IReadOnlyList<DayOfWeek>? Days = null,
    int? MonthDay = null,
    DateOnly? Until = null,
    int? Count = null,
    bool FromCompletion = false);
