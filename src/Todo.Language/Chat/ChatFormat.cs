using System.Globalization;
using Todo.Contracts.Tasks;

namespace Todo.Language.Chat;

/// <summary>Short, human wording of tasks and times for chat replies, in the user's zone.</summary>
internal static class ChatFormat
{
    public static string When(DateOnly date, TimeOnly? time, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = ZonedTime.Today(now, zone);
        var day = (date.DayNumber - today.DayNumber) switch
        {
            0 => "today",
            1 => "tomorrow",
            -1 => "yesterday",
            > 1 and < 7 => date.ToString("dddd", CultureInfo.InvariantCulture),
            _ => date.Year == today.Year
                ? date.ToString("ddd MMM d", CultureInfo.InvariantCulture)
                : date.ToString("ddd MMM d yyyy", CultureInfo.InvariantCulture),
        };
        return time is { } t ? $"{day} at {t.ToString("HH:mm", CultureInfo.InvariantCulture)}" : day;
    }

    public static string Instant(DateTimeOffset instant, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = ZonedTime.ToLocal(instant, zone);
        return When(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), now, zone);
    }

    public static string Line(TaskDto task, DateTimeOffset now, TimeZoneInfo zone)
    {
        var parts = new List<string> { $"“{task.Title}”" };
        if (task.Due is { } due)
        {
            var overdue = !task.Completed && task.DueAt < now ? " (overdue)" : "";
            parts.Add("due " + When(due.Date, due.Time, now, zone) + overdue);
        }

        if (task.Priority != TaskPriority.None)
        {
            parts.Add("!" + task.Priority.ToString().ToLowerInvariant());
        }

        if (task.Tags.Count > 0)
        {
            parts.Add(string.Join(' ', task.Tags.Select(t => "#" + t)));
        }

        if (task.RecurrenceSummary is { } repeat)
        {
            parts.Add(repeat);
        }

        if (task.Completed)
        {
            parts.Add("✓ done");
        }

        return string.Join(" · ", parts);
    }
}
