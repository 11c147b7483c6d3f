using Todo.Backend.Features.Tasks;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Projects;

/// <summary>A task as the caller may reach it: the task, the read's Dapr ETag, the caller's role, and who sees its changes.</summary>
internal sealed record TaskInProject(TaskRecord Task, string ETag, string Role, IReadOnlyList<string> Audience);

/// <summary>
/// Finds a task by id for a caller (ADR 0011, step 2). A task document lives under its project owner's key
/// (<c>task-{ownerId}-{id}</c>), so the caller's own key is tried first, then the owners of the projects shared with
/// them (from their sidebar, one read per distinct owner). A task found under another owner counts only when it is in a
/// project whose record lists the caller now, so a removed member loses access at once, even before their sidebar
/// entry is gone, and another owner's Inbox is never reachable.
/// </summary>
internal sealed class ProjectTaskAccess(ProjectStore projects, TaskStore tasks)
{
    public async Task<TaskInProject?> FindAsync(string userId, string taskId, CancellationToken cancellationToken)
    {
        var (own, etag) = await tasks.GetAsync(userId, taskId, cancellationToken);
        if (own is not null)
        {
            return new TaskInProject(own, etag, ProjectRoles.Owner, await AudienceAsync(TaskIndexKey.Of(own), cancellationToken));
        }

        var (sidebar, _) = await projects.ReadSidebarAsync(userId, cancellationToken);
        foreach (var owner in sidebar.Projects.Select(p => p.OwnerId).Where(o => o != userId).Distinct())
        {
            var (task, taskETag) = await tasks.GetAsync(owner, taskId, cancellationToken);
            if (task?.ProjectId is not { } projectId)
            {
                continue;
            }

            var (project, _) = await projects.GetAsync(projectId, cancellationToken);
            return project is { Deleting: null } && project.OwnerId == owner && ProjectAccess.RoleOf(project, userId) is { } role
                ? new TaskInProject(task, taskETag, role, ProjectAccess.Audience(project))
                : null;
        }

        return null;
    }

    /// <summary>Who sees the changes of the tasks in <paramref name="key"/>: the owner alone for an Inbox or a gone project.</summary>
    public async Task<IReadOnlyList<string>> AudienceAsync(TaskIndexKey key, CancellationToken cancellationToken) =>
        key.ProjectId is { } projectId && (await projects.GetAsync(projectId, cancellationToken)).Project is { } project
            ? ProjectAccess.Audience(project)
            : [key.OwnerId];
}
