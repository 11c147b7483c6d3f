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

    public static string Line(TaskDto task, DateTimeOffset now, TimeZoneInfo zone) => Line(task, TaskLineStyle.Chat, now, zone);

    /// <summary>
    /// One task on one line: for people (<see cref="TaskLineStyle.Chat"/>: "today at 17:00", overdue marked) or for a
    /// model reading a tool result (<see cref="TaskLineStyle.Tool"/>: ISO date and time, "priority high", the id).
    /// </summary>
    public static string Line(TaskDto task, TaskLineStyle style, DateTimeOffset now, TimeZoneInfo zone)
    {
        var tool = style == TaskLineStyle.Tool;
        var parts = new List<string> { tool ? $"\"{task.Title}\"" : $"“{task.Title}”" };
        if (task.Due is { } due)
        {
            parts.Add(tool
                ? due.Time is { } time ? $"due {due.Date:yyyy-MM-dd} {time:HH\\:mm}" : $"due {due.Date:yyyy-MM-dd}"
                : "due " + When(due.Date, due.Time, now, zone) + (!task.Completed && task.DueAt < now ? " (overdue)" : ""));
        }

        if (task.Priority != TaskPriority.None)
        {
            parts.Add((tool ? "priority " : "!") + task.Priority.ToString().ToLowerInvariant());
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
            parts.Add(tool ? "done" : "✓ done");
        }

        return tool ? string.Join(", ", parts) + $" (id {task.Id})" : string.Join(" · ", parts);
    }
}

/// <summary>Who reads a task line: a person in the chat, or a model reading a tool result.</summary>
internal enum TaskLineStyle
{
    Chat,
    Tool,
}
