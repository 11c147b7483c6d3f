using System.Diagnostics.CodeAnalysis;
using Todo.Backend.Features.Tasks;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// The two time questions of a reminder, answered from a given "now" (a <see cref="TimeProvider"/>'s), so they can be
/// tested with a fake clock: which instant should the task's job be at, and is a trigger still the current one.
/// </summary>
internal static class ReminderInstant
{
    /// <summary>A reminder that would already be more than this late is not worth an immediate toast.</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The instant the task's job should be due at, or null when the task should have no job: completed, no reminder,
    /// or a reminder more than <see cref="PastTolerance"/> in the past (a job due in the recent past fires at once).
    /// </summary>
    public static DateTimeOffset? ToSchedule(TaskRecord task, TimeZoneInfo zone, DateTimeOffset now) =>
        TaskTimes.RemindAt(task, zone) is { } remindAt && IsWorthScheduling(remindAt, now) ? remindAt : null;

    public static bool IsWorthScheduling(DateTimeOffset remindAt, DateTimeOffset now) => remindAt > now - PastTolerance;

    /// <summary>Whether a trigger for <paramref name="firedFor"/> is the task's current reminder.</summary>
    public static bool IsCurrent([NotNullWhen(true)] TaskRecord? task, TimeZoneInfo zone, DateTimeOffset firedFor) =>
        task is not null && TaskTimes.RemindAt(task, zone) == firedFor;
}
