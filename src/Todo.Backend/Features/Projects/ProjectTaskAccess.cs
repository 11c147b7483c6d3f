using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Auth;
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
internal sealed class ProjectTaskAccess(ProjectStore projects, TaskStore tasks, AccountStore accounts)
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

    /// <summary>
    /// The time zone a task's reminders are counted in: its owner's, whoever changes it, because the job callback and
    /// the reconciler count in the owner's zone too (they read the task under the owner's key).
    /// </summary>
    public async Task<TimeZoneInfo> ReminderZoneAsync(TaskRecord task, UserContext caller, CancellationToken cancellationToken)
    {
        if (task.UserId == caller.UserId)
        {
            return caller.TimeZone;
        }

        AccountRules.TryFindTimeZone((await accounts.FindAsync(task.UserId, cancellationToken))?.TimeZone ?? "UTC", out var zone);
        return zone;
    }

    /// <summary>
    /// Who gets a task's reminder toast: its assignee, else its creator, else its owner, the first of them who still
    /// has access to the task's project (a removed member gets no reminder of a task they can no longer see).
    /// </summary>
    public async Task<string> ReminderRecipientAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        string[] candidates = [.. new[] { task.AssigneeId, task.CreatedBy }.OfType<string>().Where(c => c != task.UserId)];
        if (candidates.Length == 0 || task.ProjectId is not { } projectId)
        {
            return task.UserId;
        }

        var (project, _) = await projects.GetAsync(projectId, cancellationToken);
        return candidates.FirstOrDefault(c => project is not null && ProjectAccess.CanSee(project, c)) ?? task.UserId;
    }
}
