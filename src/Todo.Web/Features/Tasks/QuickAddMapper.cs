using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Web.Features.Tasks;

/// <summary>Turns what the quick-add parser understood into the backend's create request.</summary>
public static class QuickAddMapper
{
    public static CreateTaskRequest ToRequest(QuickAddResult parsed) => new(
        parsed.Title,
        Priority: (TaskPriority)(int)parsed.Priority,
        Tags: parsed.Tags.Count > 0 ? parsed.Tags : null,
        Due: parsed.Due is { } due ? new DueDto(due.Date, due.Time) : null,
        Reminder: parsed.Reminder is { } at ? new ReminderDto(At: at) : null,
        Recurrence: parsed.Recurrence is { } rule ? RecurrenceMapper.ToDto(rule) : null);
}
