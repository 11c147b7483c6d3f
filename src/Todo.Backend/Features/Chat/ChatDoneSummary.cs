using Todo.Backend.Features.Mcp;
using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;
using Todo.Language.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// What a reply changed, for people rather than as tool names: one line per kind of change, runs of the same change
/// folded ("Completed 3 tasks"), reads left out. Each line keeps the ids of the tasks it is about so the web can link them.
/// </summary>
internal static class ChatDoneSummary
{
    public const int MaxLines = 20;

    public static IReadOnlyList<ChatDone> Describe(IReadOnlyList<(string Tool, ToolOutcome Outcome)> calls, DateTimeOffset now, TimeZoneInfo zone)
    {
        var changes = calls
            .Where(c => !c.Outcome.IsError && c.Tool is not ("list_tasks" or "get_task" or "list_projects" or "list_members"))
            .SelectMany(c => Tasks(c.Outcome).Select(t => (Verb: Verb(c.Tool, t), Task: t)))
            .ToList();
        var lines = new List<ChatDone>();
        for (var i = 0; i < changes.Count && lines.Count < MaxLines;)
        {
            var run = changes.Skip(i).TakeWhile(c => c.Verb == changes[i].Verb).ToList();
            i += run.Count;
            var ids = run.Select(c => c.Task.Id).Distinct().Take(ChatDone.MaxTaskIds).ToList();
            lines.Add(new ChatDone(run.Count == 1 ? One(run[0].Verb, run[0].Task, now, zone) : $"{run[0].Verb} {run.Count} tasks", ids));
        }

        return lines;
    }

    private static IEnumerable<TaskDto> Tasks(ToolOutcome outcome) => outcome.Value switch
    {
        TaskResult one => [one.Task],
        TasksResult many => many.Tasks,
        MovedTask moved => [moved.Task],
        AssignedTask assigned => [assigned.Task],
        _ => [],
    };

    private static string Verb(string tool, TaskDto task) => tool switch
    {
        "add_task" or "add_tasks" => "Added",
        "complete_task" => "Completed",
        "reopen_task" => "Reopened",
        "delete_task" => "Deleted",
        "snooze_reminder" => "Snoozed",
        "move_task" => "Moved",
        "assign_task" => task.AssigneeId is null ? "Unassigned" : "Assigned",
        "set_reminder" => task.RemindAt is null ? "Removed the reminder of" : "Set a reminder for",
        _ => "Changed",
    };

    private static string One(string verb, TaskDto task, DateTimeOffset now, TimeZoneInfo zone)
    {
        var detail = verb switch
        {
            "Added" or "Changed" when task.Due is { } due => $" (due {ChatFormat.When(due.Date, due.Time, now, zone)})",
            "Set a reminder for" or "Snoozed" when task.RemindAt is { } at => $" ({ChatFormat.Instant(at, now, zone)})",
            _ => "",
        };
        return $"{verb} “{task.Title}”{detail}";
    }
}
