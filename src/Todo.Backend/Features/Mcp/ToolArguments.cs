using System.Globalization;
using Todo.Backend.Features.Tasks;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// Reads the text arguments of the tools (dates, times, instants, priorities) with messages that tell the model
/// exactly which format to send. Everything else is checked once, by <see cref="TaskRules"/> in the service layer.
/// </summary>
internal static class ToolArguments
{
    public static bool TryDue(string? date, string? time, out DueDto? due, out string? error)
    {
        due = null;
        if (!TryDate(date, out var day, out error))
        {
            return false;
        }

        if (day is null)
        {
            error = string.IsNullOrWhiteSpace(time) ? null : "dueTime needs a dueDate as well (YYYY-MM-DD).";
            return error is null;
        }

        if (!TryTime(time, out var at, out error))
        {
            return false;
        }

        due = new DueDto(day.Value, at);
        return true;
    }

    /// <summary>A dueDate argument; blank or absent is no date.</summary>
    public static bool TryDate(string? value, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            error = $"dueDate '{value}' is not a date in the form YYYY-MM-DD, e.g. 2026-03-14.";
            return false;
        }

        date = day;
        return true;
    }

    /// <summary>A dueTime argument; blank or absent is no time.</summary>
    public static bool TryTime(string? value, out TimeOnly? time, out string? error)
    {
        time = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!TryTime(value, out var parsed))
        {
            error = $"dueTime '{value}' is not a 24-hour time in the form HH:mm, e.g. 17:30.";
            return false;
        }

        time = parsed;
        return true;
    }

    public static bool TryTime(string value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>An ISO 8601 instant with offset, or a local date-time read in the user's zone.</summary>
    public static bool TryInstant(string value, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        var text = value.Trim();
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant);
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            instant = ZonedTime.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zone);
            return true;
        }

        instant = default;
        return false;
    }

    /// <summary>
    /// A reminder from an instant argument (named <paramref name="atName"/>: remindAt, at) or minutes before the due
    /// time; both null is no reminder. The caller refuses both at once, with its own argument names.
    /// </summary>
    public static bool TryReminder(string atName, string? at, int? minutesBefore, TimeZoneInfo zone, out ReminderDto? reminder, out string? error)
    {
        reminder = null;
        error = null;
        if (at is not null)
        {
            if (!TryInstant(at, zone, out var instant))
            {
                error = $"{atName} '{at}' is not an ISO 8601 moment; send e.g. 2026-03-14T16:30:00Z or 2026-03-14T17:30 (user's time zone).";
                return false;
            }

            reminder = new ReminderDto(At: instant);
        }
        else if (minutesBefore is not null)
        {
            reminder = new ReminderDto(MinutesBefore: minutesBefore);
        }

        return true;
    }

    public static bool TryPriority(string? value, out TaskPriority? priority)
    {
        priority = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (Enum.TryParse<TaskPriority>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            priority = parsed;
            return true;
        }

        return false;
    }

    public const string PriorityError = "priority must be one of none, low, medium, high.";
}
