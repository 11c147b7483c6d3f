namespace Todo.Web.Features.Tasks;

/// <summary>The count above the list, in words: "No tasks", "1 task", "3 tasks match".</summary>
public static class TaskCountText
{
    public static string Describe(int total, bool filtered) => (total, filtered) switch
    {
        (0, false) => "No tasks",
        (0, true) => "No tasks match",
        (1, false) => "1 task",
        (1, true) => "1 task matches",
        (_, false) => $"{total} tasks",
        _ => $"{total} tasks match",
    };
}
