using Todo.Contracts.Tasks;

namespace Todo.Web.Features.Tasks;

public enum TaskSection
{
    Overdue,
    Today,
    Upcoming,
    NoDate,
    Completed,
}

/// <summary>Sorts tasks into the page's sections, by the user's own calendar (not the server's).</summary>
public static class TaskSections
{
    public static string Title(TaskSection section) => section switch
    {
        TaskSection.NoDate => "No date",
        _ => section.ToString(),
    };

    public static TaskSection Of(TaskDto task, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (task.Completed)
        {
            return TaskSection.Completed;
        }

        if (task.Due is null)
        {
            return TaskSection.NoDate;
        }

        if (task.DueAt is { } dueAt && dueAt < now)
        {
            return TaskSection.Overdue;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return task.Due.Date <= today ? TaskSection.Today : TaskSection.Upcoming;
    }

    /// <summary>Non-empty sections in page order; tasks keep the order the backend sorted them in.</summary>
    public static IReadOnlyList<(TaskSection Section, IReadOnlyList<TaskDto> Tasks)> Group(IEnumerable<TaskDto> tasks, DateTimeOffset now, TimeZoneInfo zone) =>
        [.. tasks.GroupBy(t => Of(t, now, zone))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<TaskDto>)(g.Key == TaskSection.Completed
                ? [.. g.OrderByDescending(t => t.CompletedAt)]
                : [.. g])))];
}
