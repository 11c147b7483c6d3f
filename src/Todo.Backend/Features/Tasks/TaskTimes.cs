using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Features.Tasks;

/// <summary>The instants derived from a task's local due date and its reminder.</summary>
internal static class TaskTimes
{
    /// <inheritdoc cref="ReminderRules.DateOnlyAnchor"/>
    public static readonly TimeOnly DateOnlyReminderAnchor = ReminderRules.DateOnlyAnchor;

    /// <summary>The due instant: the due time, or the last second of the due day when there is no time.</summary>
    public static DateTimeOffset? DueAt(DueDto? due, TimeZoneInfo zone) => due switch
    {
        null => null,
        { Time: { } time } => ZonedTime.ToUtc(due.Date, time, zone),
        _ => ZonedTime.ToUtc(due.Date.AddDays(1), TimeOnly.MinValue, zone).AddSeconds(-1),
    };

    /// <summary>When the reminder fires: a snooze wins, then an absolute instant, then an offset before the due time.</summary>
    public static DateTimeOffset? RemindAt(TaskRecord task, TimeZoneInfo zone)
    {
        if (task.Completed)
        {
            return null;
        }

        if (task.SnoozedUntil is { } snoozed)
        {
            return snoozed;
        }

        return task.Reminder switch
        {
            { At: { } at } => at.ToUniversalTime(),
            { MinutesBefore: { } minutes } when task.Due is { } due =>
                ZonedTime.ToUtc(due.Date, due.Time ?? DateOnlyReminderAnchor, zone).AddMinutes(-minutes),
            _ => null,
        };
    }
}
