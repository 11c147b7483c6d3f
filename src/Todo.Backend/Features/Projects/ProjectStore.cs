using Dapr.Client;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Projects;

/// <summary>
/// Projects in the Dapr state store (ADR 0011): one record per project (<c>project-{id}</c>) and one sidebar per user
/// (<c>projects-{userId}</c>), each written under its ETag (first-write when new), and the two together in one
/// transaction when a project is created or removed, so a sidebar never names a project that was not written.
/// </summary>
internal sealed class ProjectStore(DaprClient dapr)
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    public async Task<(ProjectRecord? Project, string ETag)> GetAsync(string projectId, CancellationToken cancellationToken) =>
        await dapr.GetStateAndETagAsync<ProjectRecord?>(DaprNames.StateStore, StateKeys.Project(projectId), cancellationToken: cancellationToken);

    public async Task<(ProjectSidebar Sidebar, string ETag)> ReadSidebarAsync(string userId, CancellationToken cancellationToken)
    {
        var (sidebar, etag) = await dapr.GetStateAndETagAsync<ProjectSidebar?>(DaprNames.StateStore, StateKeys.ProjectList(userId), cancellationToken: cancellationToken);
        return (sidebar ?? new ProjectSidebar([]), etag);
    }

    /// <summary>The task indexes of everything in the user's sidebar: the Inbox first, then each project (any state).</summary>
    public async Task<IReadOnlyList<TaskIndexKey>> IndexesOfAsync(string userId, CancellationToken cancellationToken)
    {
        var (sidebar, _) = await ReadSidebarAsync(userId, cancellationToken);
        return [TaskIndexKey.Inbox(userId), .. sidebar.Projects.Select(p => new TaskIndexKey(p.OwnerId, p.Id))];
    }

    /// <summary>The records of <paramref name="ids"/> in the same order (null where missing), one bulk read.</summary>
    public async Task<IReadOnlyList<ProjectRecord?>> ReadManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var items = await dapr.GetBulkStateAsync<ProjectRecord?>(DaprNames.StateStore, ids.Select(StateKeys.Project).ToList(),
            parallelism: 8, cancellationToken: cancellationToken);
        var byKey = items.ToDictionary(i => i.Key, i => i.Value);
        return ids.Select(id => byKey.GetValueOrDefault(StateKeys.Project(id))).ToList();
    }

    /// <summary>
    /// Writes a new project, its empty task index and the sidebar that lists it in one transaction; false on a lost
    /// race. The index exists from here until the project's delete removes it last, so a task write that finds no
    /// index knows the project is gone (<see cref="TaskStore"/>).
    /// </summary>
    public Task<bool> TryCreateAsync(ProjectRecord project, ProjectSidebar sidebar, string sidebarETag, CancellationToken cancellationToken) =>
        TryTransactAsync(
        [
            new(StateKeys.Project(project.Id), dapr.Serialize(project), StateOperationType.Upsert, options: FirstWrite),
            Write(StateKeys.ProjectTaskIndex(project.Id), new TaskIndex([]) { Format = TaskIndex.CurrentFormat }, ""),
            Write(StateKeys.ProjectList(project.OwnerId), sidebar, sidebarETag),
        ], cancellationToken);

    public Task<bool> TrySaveAsync(ProjectRecord project, string etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.Project(project.Id), project, etag, cancellationToken: cancellationToken);

    public Task<bool> TrySaveSidebarAsync(string userId, ProjectSidebar sidebar, string etag, CancellationToken cancellationToken) =>
        TryTransactAsync([Write(StateKeys.ProjectList(userId), sidebar, etag)], cancellationToken);

    /// <summary>Removes a project's record, its sidebar entry and its activity in one transaction; false on a lost race.</summary>
    public Task<bool> TryDeleteAsync(ProjectRecord project, string etag, ProjectSidebar sidebar, string sidebarETag, CancellationToken cancellationToken) =>
        TryTransactAsync(
        [
            new(StateKeys.Project(project.Id), null, StateOperationType.Delete, etag),
            Write(StateKeys.ProjectList(project.OwnerId), sidebar, sidebarETag),
            new(StateKeys.ProjectActivity(project.Id), null, StateOperationType.Delete),
        ], cancellationToken);

    /// <summary>
    /// Shares a project: its record (members changed) and the member's sidebar (entry added or removed) in one
    /// transaction, each under its ETag, so a member is never listed without the entry or left with access and no record.
    /// </summary>
    public Task<bool> TrySaveMembershipAsync(ProjectRecord project, string etag, string memberId, ProjectSidebar sidebar, string sidebarETag, CancellationToken cancellationToken) =>
        TryTransactAsync(
        [
            new(StateKeys.Project(project.Id), dapr.Serialize(project), StateOperationType.Upsert, etag),
            Write(StateKeys.ProjectList(memberId), sidebar, sidebarETag),
        ], cancellationToken);

    /// <summary>Takes a project out of a user's sidebar (a deleted project's members), retried on a lost race.</summary>
    public async Task RemoveFromSidebarAsync(string userId, string projectId, CancellationToken cancellationToken) =>
        await OptimisticRetry.RunAsync<bool>(async _ =>
        {
            var (sidebar, etag) = await ReadSidebarAsync(userId, cancellationToken);
            return sidebar.Projects.RemoveAll(p => p.Id == projectId) == 0 || await TrySaveSidebarAsync(userId, sidebar, etag, cancellationToken) ? true : null;
        }, cancellationToken);

    /// <summary>Removes a project's record and activity unguarded (account deletion, once its tasks are gone).</summary>
    public Task DeleteRecordAsync(string projectId, CancellationToken cancellationToken) =>
        dapr.ExecuteStateTransactionAsync(DaprNames.StateStore,
        [
            new(StateKeys.Project(projectId), null, StateOperationType.Delete),
            new(StateKeys.ProjectActivity(projectId), null, StateOperationType.Delete),
        ], cancellationToken: cancellationToken);

    /// <summary>Removes the user's sidebar (account deletion, after its projects).</summary>
    public Task DeleteSidebarAsync(string userId, CancellationToken cancellationToken) =>
        dapr.DeleteStateAsync(DaprNames.StateStore, StateKeys.ProjectList(userId), cancellationToken: cancellationToken);

    private StateTransactionRequest Write<T>(string key, T value, string etag) =>
        string.IsNullOrEmpty(etag)
            ? new(key, dapr.Serialize(value), StateOperationType.Upsert, options: FirstWrite)
            : new(key, dapr.Serialize(value), StateOperationType.Upsert, etag);

    private async Task<bool> TryTransactAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprNames.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (Dapr.DaprException) when (!cancellationToken.IsCancellationRequested)
        {
            // As in TaskStore: daprd reports an ETag or first-write clash inside a transaction as a generic failure.
            return false;
        }
    }
}
