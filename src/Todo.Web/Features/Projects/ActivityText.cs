using System.Globalization;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;

namespace Todo.Web.Features.Projects;

/// <summary>How the activity view words an entry: the verb for its action and when it happened, in the user's zone.</summary>
public static class ActivityText
{
    /// <summary>The verb for an action the backend records (the last part of the task event's type).</summary>
    public static string Verb(string action) => action switch
    {
        "created" => "added",
        "updated" => "changed",
        "completed" => "completed",
        "reopened" => "reopened",
        "deleted" => "deleted",
        _ => action,
    };

    /// <summary>What a member entry says after the actor's name: "shared the project with bob as editor", "removed bob", "left the project".</summary>
    public static string Membership(ActivityEntryDto entry)
    {
        var member = string.IsNullOrEmpty(entry.MemberName) ? "a former member" : entry.MemberName;
        return entry.Action switch
        {
            "shared" => $"shared the project with {member}{(entry.Role is { Length: > 0 } role ? $" as {role}" : "")}",
            "removed" => $"removed {member}",
            "left" => "left the project",
            _ => $"{entry.Action} {member}",
        };
    }

    /// <summary>"just now", "12 min ago", "today 14:05", "yesterday 09:30", "3 Dec 14:05", "3 Dec 2025 14:05".</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now, TimeZoneInfo zone)
    {
        var ago = now - at;
        if (ago < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }

        if (ago < TimeSpan.FromHours(1))
        {
            return $"{(int)ago.TotalMinutes} min ago";
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return day == today ? $"today {time}"
            : day == today.AddDays(-1) ? $"yesterday {time}"
            : day.Year == today.Year ? $"{local.ToString("d MMM", CultureInfo.InvariantCulture)} {time}"
            : $"{local.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} {time}";
    }

    /// <summary>The full instant, for the entry's tooltip.</summary>
    public static string Exact(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d MMMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The entry a task event adds to a project's activity, as the backend records it (ActivityRecorder), so an open
    /// view shows a change at once instead of at the next read; null when the event is not about this project.
    /// </summary>
    public static ActivityEntryDto? FromEvent(TaskChanged change, string projectId, Func<string, string> nameOf)
    {
        // A new place in the order and a task gone from someone's view are not history (ActivityRecorder skips them too).
        if (change.Task is not { Id.Length: > 0 } task || task.ProjectId != projectId || !TaskEventTypes.All.Contains(change.Type)
            || change.Type is TaskEventTypes.Moved or TaskEventTypes.Removed)
        {
            return null;
        }

        var actor = change.ActorId ?? change.UserId;
        return new ActivityEntryDto(change.EventId, change.OccurredAt, actor, nameOf(actor), change.Type[(change.Type.LastIndexOf('.') + 1)..], task.Id, task.Title);
    }
}
