using Todo.Contracts.Tasks;
using Todo.Language;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Tasks;

/// <summary>Which list the tasks page shows; each is a URL so reload and back keep it.</summary>
public enum TaskViewKind
{
    /// <summary><c>/</c>: every task of every project.</summary>
    All,

    /// <summary><c>/projects/{id}</c> (the Inbox is <c>/projects/inbox</c>): one project's tasks.</summary>
    Project,

    /// <summary><c>/tasks?view=today</c>: open tasks that are overdue or due today.</summary>
    Today,

    /// <summary><c>/tasks?view=upcoming</c>: open tasks due in the next 14 days (and overdue ones), by day.</summary>
    Upcoming,

    /// <summary><c>/tasks?view=completed</c>: completed tasks, newest first, paged and searchable.</summary>
    Completed,

    /// <summary><c>/tasks?view=label&amp;tag=x</c>: tasks with one tag.</summary>
    Label,
}

/// <summary>
/// A view of the task list: what it asks the backend for, and for Today and Upcoming, which of the answered tasks
/// it shows. The backend's due filters know no "up to a date", so those two ask for the open tasks by due date
/// (earliest first, undated last) and show the front of that list up to the view's last day.
/// </summary>
public sealed record TaskView(TaskViewKind Kind, string? ProjectId = null)
{
    /// <summary>How many days Upcoming shows, today included.</summary>
    public const int UpcomingDays = 14;

    public static readonly TaskView All = new(TaskViewKind.All);

    /// <summary>The view a URL names; an unknown <c>view</c> is the whole list (the page says it ignored it).</summary>
    public static TaskView From(string? view, string? projectId, string? tag) =>
        projectId is { Length: > 0 } ? new(TaskViewKind.Project, projectId)
        : view?.Trim().ToLowerInvariant() switch
        {
            "today" => new(TaskViewKind.Today),
            "upcoming" => new(TaskViewKind.Upcoming),
            "completed" => new(TaskViewKind.Completed),
            "label" when !string.IsNullOrWhiteSpace(tag) => new(TaskViewKind.Label),
            _ => All,
        };

    /// <summary>Whether <paramref name="view"/> (a <c>view=</c> value) names a view.</summary>
    public static bool IsKnown(string? view) => view?.Trim().ToLowerInvariant() is "today" or "upcoming" or "completed" or "label";

    /// <summary>The backend query for this view, on top of what the find bar asks.</summary>
    public TaskFilter Narrow(TaskFilter filter) => Kind switch
    {
        TaskViewKind.Project => filter with { Project = ProjectId },
        // Due order (earliest first) is what puts the view's tasks at the front of the list.
        TaskViewKind.Today or TaskViewKind.Upcoming => filter with { Status = "open", Sort = "due", Order = null, Due = null },
        TaskViewKind.Completed => filter with { Status = "completed" },
        _ => filter,
    };

    /// <summary>True for views that show only the front of the list the backend answers.</summary>
    public bool IsWindow => Kind is TaskViewKind.Today or TaskViewKind.Upcoming;

    /// <summary>Whether the view shows <paramref name="task"/>, which the backend's answer already let through.</summary>
    public bool Shows(TaskDto task, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (!IsWindow)
        {
            return true;
        }

        if (task.Completed || task.Due is null)
        {
            return false;
        }

        var today = ZonedTime.Today(now, zone);
        var last = Kind == TaskViewKind.Today ? today : today.AddDays(UpcomingDays - 1);
        return task.DueAt < now || task.Due.Date <= last;
    }

    /// <summary>
    /// Upcoming's sections: overdue first, then every one of the 14 days (empty ones too, so a day with nothing
    /// planned reads as free), each with the tasks due that day in the list's order.
    /// </summary>
    public static IReadOnlyList<(DateOnly? Day, IReadOnlyList<TaskDto> Tasks)> ByDay(IEnumerable<TaskDto> tasks, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = ZonedTime.Today(now, zone);
        var shown = tasks.ToList();
        var overdue = shown.Where(t => t.DueAt < now && t.Due!.Date <= today).ToList();
        var days = new List<(DateOnly?, IReadOnlyList<TaskDto>)>();
        if (overdue.Count > 0)
        {
            days.Add((null, overdue));
        }

        for (var i = 0; i < UpcomingDays; i++)
        {
            var day = today.AddDays(i);
            days.Add((day, shown.Where(t => t.Due!.Date == day && !overdue.Contains(t)).ToList()));
        }

        return days;
    }

    /// <summary>"Today · Thu 3 Dec", "Tomorrow · Fri 4 Dec", "Sat 5 Dec".</summary>
    public static string DayTitle(DateOnly day, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = ZonedTime.Today(now, zone);
        var date = day.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture);
        return day == today ? $"Today · {date}" : day == today.AddDays(1) ? $"Tomorrow · {date}" : date;
    }
}
