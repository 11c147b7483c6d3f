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
        error = null;
        if (string.IsNullOrWhiteSpace(date))
        {
            if (!string.IsNullOrWhiteSpace(time))
            {
                error = "dueTime needs a dueDate as well (YYYY-MM-DD).";
                return false;
            }

            return true;
        }

        if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            error = $"dueDate '{date}' is not a date in the form YYYY-MM-DD, e.g. 2026-03-14.";
            return false;
        }

        TimeOnly? at = null;
        if (!string.IsNullOrWhiteSpace(time))
        {
            if (!TryTime(time, out var parsed))
            {
                error = $"dueTime '{time}' is not a 24-hour time in the form HH:mm, e.g. 17:30.";
                return false;
            }

            at = parsed;
        }

        due = new DueDto(day, at);
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
