using Dapr.Client;
using Todo.Backend.Infrastructure;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// The lazy migration of a task index stored before ADR 0010 (<c>{"taskIds": [every task]}</c>, no <c>format</c>):
/// on its first read the tasks are read once, the open ones stay in the index and the completed ones go to archive
/// pages, oldest completion first, in one transaction guarded by the old index's ETag. Task documents are not rewritten
/// (their <see cref="TaskRecord.ArchivePage"/> stays null; a reopen finds them by a scan of the page ids). Ids whose
/// task is gone are dropped.
/// </summary>
internal static class TaskIndexMigration
{
    /// <summary>True when this call migrated the index; false when another writer changed it first (re-read it).</summary>
    public static async Task<bool> TryMigrateAsync(TaskStore store, string userId, TaskIndex old, string etag, CancellationToken cancellationToken)
    {
        var tasks = (await store.ReadTasksAsync(userId, old.TaskIds, cancellationToken)).OfType<TaskRecord>().ToList();
        var completed = tasks.Where(t => t.Completed)
            .OrderBy(t => t.CompletedAt ?? t.UpdatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => t.Id).Chunk(ArchivePage.Capacity).ToList();
        var index = new TaskIndex(tasks.Where(t => !t.Completed).Select(t => t.Id).ToList())
        {
            Format = TaskIndex.CurrentFormat,
            ArchivePages = completed.Count,
            ArchivedCount = completed.Sum(page => page.Length),
        };

        // Pages of an old index do not exist yet; a racing migration writes the same content, and the index ETag
        // decides which transaction commits.
        var operations = completed.Select((ids, number) => store.Put(StateKeys.TaskArchivePage(userId, number), new ArchivePage([.. ids]))).ToList();
        operations.Add(store.Write(StateKeys.TaskIndex(userId), index, etag));
        return await store.TryTransactAsync(operations, cancellationToken);
    }
}
