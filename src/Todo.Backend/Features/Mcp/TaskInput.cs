using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Mcp;

/// <summary>One task of an add_tasks call; the same fields as add_task.</summary>
public sealed record TaskInput(
    [property: Description("The task's title, 1-200 characters, without dates, tags or priority words.")]
    [property: MaxLength(200)]
    string Title,
    [property: Description("Optional notes, up to 4,000 characters.")]
    [property: MaxLength(4000)]
    string? Notes = null,
    [property: Description("none, low, medium or high.")]
    string? Priority = null,
    [property: Description("Up to 10 tags without '#', e.g. [\"work\",\"bills\"].")]
    [property: MaxLength(10)]
    string[]? Tags = null,
    [property: Description("Due date YYYY-MM-DD in the user's time zone.")]
    string? DueDate = null,
    [property: Description("Due time HH:mm (24-hour) in the user's time zone; needs dueDate.")]
    string? DueTime = null,
    [property: Description("Remind at this moment: ISO 8601 with offset (2026-03-14T08:30:00Z) or local YYYY-MM-DDTHH:mm in the user's zone.")]
    string? RemindAt = null,
    [property: Description("Remind this many minutes before the due time (0-40320); needs dueDate. Use instead of remindAt.")]
    [property: Range(0, 40320)]
    int? RemindMinutesBefore = null,
    [property: Description("How the task repeats; needs dueDate for the first occurrence.")]
    RecurrenceDto? Recurrence = null,
    [property: Description("The project to put it in, by name or id (list_projects); omit for the Inbox.")]
    [property: MaxLength(100)]
    string? Project = null,
    [property: Description("Optional checklist: the titles of the task's steps in order, up to 100, each 1-200 characters.")]
    [property: MaxLength(100)]
    string[]? Steps = null)
{
    /// <summary>The create request these arguments stand for; each argument is read once, here.</summary>
    internal ServiceResult<CreateTaskRequest> ToRequest(TimeZoneInfo zone)
    {
        if (!ToolArguments.TryPriority(Priority, out var priority))
        {
            return ServiceError.Invalid("priority", ToolArguments.PriorityError);
        }

        if (!ToolArguments.TryDue(DueDate, DueTime, out var due, out var dueError))
        {
            return ServiceError.Invalid("due", dueError!);
        }

        if (RemindAt is not null && RemindMinutesBefore is not null)
        {
            return ServiceError.Invalid("reminder", "Pass remindAt or remindMinutesBefore, not both.");
        }

        if (!ToolArguments.TryReminder("remindAt", RemindAt, RemindMinutesBefore, zone, out var reminder, out var reminderError))
        {
            return ServiceError.Invalid("remindAt", reminderError!);
        }

        return new CreateTaskRequest(Title, Notes, priority, Tags, due, reminder, Recurrence) { Steps = Steps?.Select(s => new StepInput(s)).ToList() };
    }
}
