using System.Text.Json.Nodes;
using Todo.Backend.Features.Mcp;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Language.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The offline assistant's side of "move X to Groceries", "assign X to bob" and "who is X assigned to": the interpreter
/// only names a project or a person; these read the user's projects and a project's members through the same tools
/// (list_projects, list_members) to check the name and to answer in usernames rather than ids.
/// </summary>
internal static class ProjectAndAssigneeReplies
{
    /// <summary>
    /// Replaces the interpreter's <c>$project</c> (a name as said) by the project it means, or explains that there is
    /// no such project. <c>$projectId</c> stays for <see cref="AlreadyThere"/>, which removes it before the call.
    /// </summary>
    public static async Task<(JsonObject? Arguments, string? Problem)> ResolveProjectAsync(IChatTools tools, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (arguments["$project"]?.GetValue<string>() is not { } said)
        {
            return (arguments, null);
        }

        var projects = (await tools.CallAsync("list_projects", [], cancellationToken)).Read<ProjectList>()?.Items ?? [];
        var open = projects.Where(p => !p.Archived).ToList();
        if (Match(open, said) is not { } project)
        {
            var names = string.Join(", ", open.Select(p => p.Name));
            return (null, $"You have no project called “{said}”, so I didn't move anything. Your projects are {names}.");
        }

        var resolved = arguments.DeepClone().AsObject();
        resolved.Remove("$project");
        resolved["project"] = project.IsInbox ? ProjectDto.InboxId : project.Name;
        resolved["$projectId"] = project.Id;
        resolved["$projectName"] = project.Name;
        return (resolved, null);
    }

    /// <summary>"“X” is already in Work" when the move would change nothing; removes the helper arguments.</summary>
    public static string? AlreadyThere(JsonObject arguments, TaskDto task)
    {
        var id = arguments["$projectId"]?.GetValue<string>();
        var name = arguments["$projectName"]?.GetValue<string>();
        arguments.Remove("$projectId");
        arguments.Remove("$projectName");
        return id is not null && id == task.ProjectId ? $"“{task.Title}” is already in {name}." : null;
    }

    /// <summary>Who each task is assigned to, by username ("you" for the user).</summary>
    public static async Task<string> WhoAsync(IChatTools tools, IReadOnlyList<TaskDto> tasks, string me, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var task in tasks)
        {
            if (task.AssigneeId is not { } assignee)
            {
                lines.Add($"“{task.Title}” isn't assigned to anyone.");
                continue;
            }

            var name = assignee == me ? "you" : await UsernameAsync(tools, task.ProjectId, assignee, cancellationToken) ?? "someone who has left its project";
            lines.Add($"“{task.Title}” is assigned to {name}.");
        }

        return string.Join(" ", lines);
    }

    /// <summary>The user id of <paramref name="person"/> ("me", or a username of someone sharing a project with the user).</summary>
    public static async Task<(string? UserId, string? Problem)> PersonAsync(IChatTools tools, string person, string me, CancellationToken cancellationToken)
    {
        if (person == "me")
        {
            return (me, null);
        }

        var projects = (await tools.CallAsync("list_projects", [], cancellationToken)).Read<ProjectList>()?.Items ?? [];
        foreach (var project in projects.Where(p => !p.IsInbox))
        {
            var members = (await tools.CallAsync("list_members", new JsonObject { ["project"] = project.Id }, cancellationToken)).Read<ProjectMemberList>()?.Items ?? [];
            if (members.FirstOrDefault(m => string.Equals(m.Username, person, StringComparison.OrdinalIgnoreCase)) is { } member)
            {
                return (member.UserId, null);
            }
        }

        return (null, $"Nobody called “{person}” shares a project with you.");
    }

    /// <summary>What the chat says after move_task or assign_task.</summary>
    public static string Done(PlannedCall call, object? value, TaskDto task) => value switch
    {
        MovedTask when call.Arguments["first"] is not null => $"Moved “{task.Title}” to the top of its list.",
        MovedTask when call.Arguments["project"] is not null => $"Moved “{task.Title}” to {ProjectName(call)}.",
        MovedTask => $"Moved “{task.Title}” to the bottom of its list.",
        AssignedTask { Assignee: { } who } => $"Assigned “{task.Title}” to {who}.",
        _ => $"“{task.Title}” isn't assigned to anyone now.",
    };

    /// <summary>
    /// The open task just after <paramref name="task"/> in its project's manual order (null when it is last): where an
    /// undo of a move puts it back, before that task.
    /// </summary>
    public static async Task<string?> NextInOrderAsync(IChatTools tools, TaskDto task, CancellationToken cancellationToken)
    {
        var listed = await tools.CallAsync("list_tasks", new JsonObject { ["project"] = task.ProjectId, ["sort"] = "manual", ["limit"] = 1000 }, cancellationToken);
        var ids = listed.Read<TaskPage>()?.Items.Select(t => t.Id).ToList() ?? [];
        var at = ids.IndexOf(task.Id);
        return at >= 0 && at + 1 < ids.Count ? ids[at + 1] : null;
    }

    /// <summary>
    /// The call that undoes a move (back to the project and the place it had, before <paramref name="next"/>), or an
    /// assignment made to a task nobody had. Someone else's assignment is not undone: the tool takes a username, and
    /// the task knows only an id.
    /// </summary>
    public static PlannedCall? Inverse(PlannedCall call, TaskDto before, TaskDto after, string? next)
    {
        switch (call.Tool)
        {
            case "move_task":
            {
                var back = new JsonObject { ["id"] = after.Id };
                if (before.ProjectId != after.ProjectId)
                {
                    back["project"] = before.ProjectId;
                }

                if (next is not null)
                {
                    back["before"] = next;
                }

                return new PlannedCall("move_task", back);
            }

            case "assign_task" when before.AssigneeId is null && after.AssigneeId is not null:
                return new PlannedCall("assign_task", new JsonObject { ["id"] = after.Id, ["assignee"] = null });
            default:
                return null;
        }
    }

    private static string ProjectName(PlannedCall call) =>
        call.Arguments["project"]!.GetValue<string>() is var name && name == ProjectDto.InboxId ? ProjectDto.InboxName : name;

    private static async Task<string?> UsernameAsync(IChatTools tools, string projectId, string userId, CancellationToken cancellationToken)
    {
        var members = (await tools.CallAsync("list_members", new JsonObject { ["project"] = projectId }, cancellationToken)).Read<ProjectMemberList>()?.Items ?? [];
        return members.FirstOrDefault(m => m.UserId == userId)?.Username;
    }

    /// <summary>The project a name means: exactly, then without a plural "s", then the only one starting with it.</summary>
    private static ProjectDto? Match(IReadOnlyList<ProjectDto> projects, string said)
    {
        var name = said.Trim();
        static string Singular(string n) => n.EndsWith('s') && n.Length > 3 ? n[..^1] : n;
        return projects.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? projects.FirstOrDefault(p => string.Equals(Singular(p.Name), Singular(name), StringComparison.OrdinalIgnoreCase))
            ?? (projects.Where(p => p.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList() is [var only] ? only : null);
    }
}
