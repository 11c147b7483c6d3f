using System.Text;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>Every rule a task must satisfy, with messages a person can act on. REST, MCP and chat all pass through here.</summary>
internal static class TaskRules
{
    public const int MaxTitle = 200;
    public const int MaxNotes = 4_000;
    public const int MaxTags = 10;
    public const int MaxTagLength = 32;
    public const int MaxTasksPerUser = 5_000;
    public const int MaxReminderMinutesBefore = ReminderRules.MaxMinutesBefore;
    public const int MaxInterval = 365;
    public const int MaxCount = 1_000;
    public const int MaxSnoozeMinutes = 10_080;
    public static readonly DateOnly MinDate = new(2000, 1, 1);
    public static readonly DateOnly MaxDate = new(2100, 12, 31);

    public static string? Title(string? title, out string normalised)
    {
        normalised = (title ?? "").Trim();
        return normalised.Length switch
        {
            0 => "A task needs a title.",
            > MaxTitle => $"Titles can have at most {MaxTitle} characters (this one has {normalised.Length}).",
            _ => null,
        };
    }

    public static string? Notes(string? notes, out string? normalised)
    {
        normalised = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        return normalised is { Length: > MaxNotes } ? $"Notes can have at most {MaxNotes:N0} characters (these have {normalised.Length:N0})." : null;
    }

    public static string? Priority(TaskPriority? priority) =>
        priority is null || Enum.IsDefined(priority.Value) ? null : "Priority must be none, low, medium or high.";

    /// <summary>Tags are trimmed, stripped of a leading '#', lower-cased, spaces become '-', and de-duplicated.</summary>
    public static string? Tags(IReadOnlyList<string>? tags, out IReadOnlyList<string> normalised)
    {
        var result = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = NormaliseTag(raw);
            if (tag.Length == 0)
            {
                normalised = [];
                return "Tags cannot be empty.";
            }

            if (tag.Length > MaxTagLength)
            {
                normalised = [];
                return $"Tags can have at most {MaxTagLength} characters ('{tag[..MaxTagLength]}…' is longer).";
            }

            if (!tag.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                normalised = [];
                return $"The tag '{tag}' may only contain letters, digits, '-', '_' and '.'.";
            }

            if (!result.Contains(tag))
            {
                result.Add(tag);
            }
        }

        normalised = result;
        return result.Count > MaxTags ? $"A task can have at most {MaxTags} tags." : null;
    }

    public static string NormaliseTag(string? raw)
    {
        var tag = (raw ?? "").Trim().TrimStart('#').Trim().ToLowerInvariant().Normalize(NormalizationForm.FormC);
        return string.Join('-', tag.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static string? Due(DueDto? due) =>
        due is not null && (due.Date < MinDate || due.Date > MaxDate)
            ? $"Due dates must be between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}."
            : null;

    public static string? Reminder(ReminderDto? reminder, DueDto? due, DateTimeOffset now) => reminder switch
    {
        null => null,
        { At: null, MinutesBefore: null } or { At: not null, MinutesBefore: not null } =>
            "A reminder is either 'at' an instant or 'minutesBefore' the due time, not both or neither.",
        { MinutesBefore: < 0 or > MaxReminderMinutesBefore } =>
            $"'minutesBefore' must be between 0 and {MaxReminderMinutesBefore:N0} (four weeks).",
        { MinutesBefore: not null } when due is null => "A reminder relative to the due time needs a due date.",
        { At: { } at } when at < now.AddMinutes(-1) => "The reminder time is in the past; pick a time from now on.",
        { At: { } at } when at > now.AddYears(10) => "Reminders can be set at most ten years ahead.",
        _ => null,
    };

    public static string? Recurrence(RecurrenceDto? recurrence, DueDto? due)
    {
        if (recurrence is null)
        {
            return null;
        }

        if (!Enum.IsDefined(recurrence.Frequency))
        {
            return "Recurrence frequency must be daily, weekly, monthly or yearly.";
        }

        if (due is null)
        {
            return "A repeating task needs a due date for its first occurrence.";
        }

        return recurrence switch
        {
            { Interval: < 1 or > MaxInterval } => $"The recurrence interval must be between 1 and {MaxInterval}.",
            { Days.Count: > 0, Frequency: not RecurrenceFrequency.Weekly } => "Weekdays can only be chosen for a weekly recurrence.",
            { Days: { } days } when days.Any(d => !Enum.IsDefined(d)) => "Weekdays must be sunday to saturday.",
            { MonthDay: not null, Frequency: not RecurrenceFrequency.Monthly } => "A day of the month can only be chosen for a monthly recurrence.",
            { MonthDay: < 1 or > 31 } => "The day of the month must be between 1 and 31.",
            { Count: < 1 or > MaxCount } => $"The number of occurrences must be between 1 and {MaxCount:N0}.",
            { Count: not null, Until: not null } => "Choose either an end date or a number of occurrences, not both.",
            { Until: { } until } when until < due.Date => "The recurrence ends before the first due date.",
            _ => null,
        };
    }

    public static string? Snooze(int minutes) =>
        minutes is < 1 or > MaxSnoozeMinutes ? $"Snooze for 1 to {MaxSnoozeMinutes:N0} minutes (one week)." : null;
}
