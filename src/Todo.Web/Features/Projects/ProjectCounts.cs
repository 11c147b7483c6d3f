using Todo.Contracts.Events;
using Todo.Contracts.Projects;

namespace Todo.Web.Features.Projects;

/// <summary>
/// Moves the sidebar's open counts by one task event, without asking the backend. An event carries the task after
/// the change only, so an update can be placed only when the project the task was in before is known (from an
/// earlier event or a list the tab showed), or when the user has no project but the Inbox.
/// </summary>
public static class ProjectCounts
{
    /// <summary>The projects after <paramref name="change"/>, or null when the event alone cannot say (read them again).</summary>
    /// <param name="projects">The projects as counted before the change.</param>
    /// <param name="change">The task event.</param>
    /// <param name="projectBefore">The project the task was in before the change, when known.</param>
    public static IReadOnlyList<ProjectDto>? Apply(IReadOnlyList<ProjectDto> projects, TaskChanged change, string? projectBefore)
    {
        if (change.Task is not { } task || projects.All(p => p.Id != task.ProjectId))
        {
            // A project this tab does not list yet (made in another tab): only a read shows it.
            return null;
        }

        switch (change.Type)
        {
            case TaskEventTypes.Created:
                return task.Completed ? projects : Add(projects, task.ProjectId, +1);
            case TaskEventTypes.Reopened:
                return Add(projects, task.ProjectId, +1);
            case TaskEventTypes.Completed:
                return Add(projects, task.ProjectId, -1);
            case TaskEventTypes.Deleted or TaskEventTypes.Removed:
                return task.Completed ? projects : Add(projects, task.ProjectId, -1);
            case TaskEventTypes.Moved:
                // A new place in its project's order: every count stays.
                return projects;
            case TaskEventTypes.Updated:
                // An edit does not open or complete a task: only a move of an open one changes counts.
                var before = projectBefore ?? (projects.Count == 1 ? projects[0].Id : null);
                if (task.Completed || before == task.ProjectId)
                {
                    return projects;
                }

                return before is null || projects.All(p => p.Id != before) ? null : Add(Add(projects, before, -1), task.ProjectId, +1);
            default:
                return null;
        }
    }

    private static IReadOnlyList<ProjectDto> Add(IReadOnlyList<ProjectDto> projects, string id, int delta) =>
        [.. projects.Select(p => p.Id == id ? p with { OpenCount = Math.Max(0, p.OpenCount + delta) } : p)];
}
