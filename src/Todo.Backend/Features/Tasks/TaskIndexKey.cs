using Todo.Backend.Infrastructure;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// Which task index (and its archive pages) a task belongs to (ADR 0011): the Inbox's is the user's own
/// <c>tasks-{userId}</c>, kept by key from before projects; every other project has <c>ptasks-{projectId}</c>.
/// </summary>
/// <param name="OwnerId">The owner of the project, whose key space the task documents are in.</param>
/// <param name="ProjectId">The project, or null for the owner's Inbox.</param>
internal readonly record struct TaskIndexKey(string OwnerId, string? ProjectId)
{
    public static TaskIndexKey Inbox(string userId) => new(userId, null);

    public static TaskIndexKey Of(TaskRecord task) => new(task.UserId, task.ProjectId);

    public bool IsInbox => ProjectId is null;

    public string Key => ProjectId is null ? StateKeys.TaskIndex(OwnerId) : StateKeys.ProjectTaskIndex(ProjectId);

    public string Page(int number) => ProjectId is null ? StateKeys.TaskArchivePage(OwnerId, number) : StateKeys.ProjectArchivePage(ProjectId, number);
}
