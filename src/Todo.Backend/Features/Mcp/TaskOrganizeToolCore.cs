using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Projects;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// move_task and assign_task, typed as <see cref="TaskToolCore"/> is: moving goes through <see cref="TaskPositions"/>
/// (the REST <c>POST /api/tasks/{id}/position</c>, ADR 0016) and assigning through <see cref="TaskService"/>'s
/// <c>assigneeId</c> patch, so who may do it is decided where REST decides it (ProjectTaskAccess: a stranger finds no
/// task, a viewer is refused). The loose arguments an agent sends (a project by name, a person by username) are read here.
/// </summary>
internal sealed class TaskOrganizeToolCore(TaskService tasks, TaskPositions positions, ProjectToolCore projects, ProjectSharing sharing)
{
    /// <summary>
    /// Moves the task to <paramref name="project"/> (when given) and places it before <paramref name="before"/>, at the
    /// top (<paramref name="first"/>) or last. Returns the task and its 1-based place among the project's open tasks.
    /// </summary>
    public async Task<ServiceResult<MovedTask>> MoveAsync(UserContext user, string id, string? project, string? before, bool first, CancellationToken cancellationToken)
    {
        if (first && before is not null)
        {
            return ServiceError.Invalid("first", "Pass either before (a task id) or first=true, not both.");
        }

        var target = await projects.IdOfAsync(user, project, forWrite: true, cancellationToken);
        if (target.Error is { } projectError)
        {
            return projectError;
        }

        var request = new MoveTaskRequest(string.IsNullOrWhiteSpace(before) ? null : before.Trim()) { ProjectId = target.Value };
        var moved = await positions.MoveAsync(user, id, request, cancellationToken);
        if (moved.Error is { } error)
        {
            return error;
        }

        var order = moved.Value!;
        if (first && order.TaskIds.Count > 1 && order.TaskIds[0] != id)
        {
            // The top is "before whatever is first now"; the order the first call answered is the one to read it from.
            var top = await positions.MoveAsync(user, id, new MoveTaskRequest(order.TaskIds[0]), cancellationToken);
            if (top.Error is { } topError)
            {
                return topError;
            }

            order = top.Value!;
        }

        var task = await tasks.GetAsync(user, id, cancellationToken);
        return task.Error is { } gone ? gone : new MovedTask(task.Value!, order.ProjectId, order.TaskIds.ToList().IndexOf(id) + 1, order.TaskIds.Count);
    }

    /// <summary>
    /// Assigns the task to the member of its project called <paramref name="assignee"/> ("me" is the caller), or
    /// unassigns it when <paramref name="assignee"/> is null, empty or "nobody".
    /// </summary>
    public async Task<ServiceResult<AssignedTask>> AssignAsync(UserContext user, string id, string? assignee, CancellationToken cancellationToken)
    {
        var found = await tasks.GetAsync(user, id, cancellationToken);
        if (found.Error is { } notFound)
        {
            return notFound;
        }

        var task = found.Value!;
        var members = await sharing.ListAsync(user, task.ProjectId, cancellationToken);
        if (members.Error is { } membersError)
        {
            return membersError;
        }

        var name = (assignee ?? "").Trim().TrimStart('@');
        ProjectMemberDto? who = null;
        if (name.Length > 0 && !Unassigned.Contains(name))
        {
            who = ProjectToolCore.Member(members.Value!, name, user);
            if (who is null)
            {
                var people = string.Join(", ", members.Value!.Items.Select(m => m.Username));
                return ServiceError.Invalid("assignee", task.ProjectId == ProjectDto.InboxId
                    ? "Tasks in the Inbox are yours alone; move the task to a shared project (move_task) to assign it to someone else."
                    : $"Nobody called \"{name}\" is a member of this task's project; its members are {people} (share_project adds someone).");
            }
        }

        var patch = new UpdateTaskRequest { AssigneeId = who?.UserId, Present = new HashSet<string>(["assigneeId"]) };
        var updated = await tasks.UpdateAsync(user, id, patch, ifMatch: null, cancellationToken);
        return updated.Error is { } error ? error : new AssignedTask(updated.Value!, who?.Username);
    }

    private static readonly HashSet<string> Unassigned = new(StringComparer.OrdinalIgnoreCase) { "nobody", "none", "no one", "noone", "null" };
}

/// <summary>Structured result of move_task.</summary>
/// <param name="Task">The task after the move.</param>
/// <param name="ProjectId">The project it is in now (<c>inbox</c> for the Inbox).</param>
/// <param name="Position">Its 1-based place among the project's open tasks in their manual order.</param>
/// <param name="Of">How many open tasks the project has.</param>
public sealed record MovedTask(TaskDto Task, string ProjectId, int Position, int Of);

/// <summary>Structured result of assign_task.</summary>
/// <param name="Task">The task after the change.</param>
/// <param name="Assignee">The username it is assigned to now; null when unassigned.</param>
public sealed record AssignedTask(TaskDto Task, string? Assignee);
