using Dapr;
using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// Tasks in the Dapr state store: one key per task and one index key per user. Creates and deletes change the task
/// and the index in one transaction guarded by the index's ETag (first-write when the index is new), retried on
/// conflict, so concurrent writers never lose a task.
/// </summary>
internal sealed class TaskStore(DaprClient dapr, ILogger<TaskStore> logger)
{
    private const int MaxAttempts = 12;

    // daprd caps every gRPC message at --max-body-size (default 4 MiB, both directions), so one bulk read of a long
    // list would fail. The largest task is under 32 KB as JSON (200 + 4,000 characters at worst 6 bytes each when
    // escaped, plus tags and fields), so 128 keys per call stay under 4 MiB whatever the tasks hold.
    internal const int BulkReadKeys = 128;
    private const int ParallelBulkReads = 4;

    public async Task<(TaskRecord? Task, string ETag)> GetAsync(string userId, string taskId, CancellationToken cancellationToken)
    {
        var (task, etag) = await dapr.GetStateAndETagAsync<TaskRecord?>(DaprNames.StateStore, StateKeys.Task(userId, taskId), cancellationToken: cancellationToken);
        return (task?.UserId == userId ? task : null, etag);
    }

    /// <summary>Every task of a user with its ETag, read in bulk calls of at most <see cref="BulkReadKeys"/> keys.</summary>
    public async Task<IReadOnlyList<(TaskRecord Task, string ETag)>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var (index, _) = await ReadIndexAsync(userId, cancellationToken);
        if (index.TaskIds.Count == 0)
        {
            return [];
        }

        var pages = index.TaskIds.Select(id => StateKeys.Task(userId, id)).Chunk(BulkReadKeys).ToList();
        var results = new IReadOnlyList<BulkStateItem<TaskRecord?>>[pages.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBulkReads, CancellationToken = cancellationToken },
            async (page, token) => results[page] = await dapr.GetBulkStateAsync<TaskRecord?>(DaprNames.StateStore, pages[page], parallelism: 8, cancellationToken: token));
        return results.SelectMany(items => items).Where(i => i.Value?.UserId == userId).Select(i => (i.Value!, i.ETag)).ToList();
    }

    public async Task<int> CountAsync(string userId, CancellationToken cancellationToken) =>
        (await ReadIndexAsync(userId, cancellationToken)).Index.TaskIds.Count;

    /// <summary>Adds a task. Returns false when the user already holds <paramref name="limit"/> tasks.</summary>
    public async Task<CreateOutcome> CreateAsync(TaskRecord task, int limit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (index, indexETag) = await ReadIndexAsync(task.UserId, cancellationToken);
            if (index.TaskIds.Contains(task.Id))
            {
                return CreateOutcome.AlreadyExists;
            }

            if (index.TaskIds.Count >= limit)
            {
                return CreateOutcome.LimitReached;
            }

            index.TaskIds.Add(task.Id);
            List<StateTransactionRequest> operations =
            [
                // First-write: a task id is created once, which makes derived ids (recurrence) idempotent.
                new(StateKeys.Task(task.UserId, task.Id), dapr.Serialize(task), StateOperationType.Upsert, options: FirstWrite),
                IndexWrite(task.UserId, index, indexETag),
            ];
            if (await TryTransactAsync(operations, attempt, cancellationToken))
            {
                return CreateOutcome.Created;
            }
        }

        return CreateOutcome.Contended;
    }

    /// <summary>Saves a changed task if it still has <paramref name="etag"/>; false when someone changed it first.</summary>
    public Task<bool> TryUpdateAsync(TaskRecord task, string etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.Task(task.UserId, task.Id), task, etag, cancellationToken: cancellationToken);

    /// <summary>Removes a task that still has <paramref name="etag"/>, and its index entry.</summary>
    public async Task<DeleteOutcome> DeleteAsync(string userId, string taskId, string etag, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (index, indexETag) = await ReadIndexAsync(userId, cancellationToken);
            index.TaskIds.Remove(taskId);
            List<StateTransactionRequest> operations =
            [
                new(StateKeys.Task(userId, taskId), null, StateOperationType.Delete, etag),
                IndexWrite(userId, index, indexETag),
            ];
            if (await TryTransactAsync(operations, attempt, cancellationToken))
            {
                return DeleteOutcome.Deleted;
            }

            // The transaction cannot say which ETag failed: if the task itself changed, stop retrying.
            var (_, currentETag) = await GetAsync(userId, taskId, cancellationToken);
            if (currentETag != etag)
            {
                return DeleteOutcome.Stale;
            }
        }

        return DeleteOutcome.Contended;
    }

    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    private StateTransactionRequest IndexWrite(string userId, TaskIndex index, string etag) =>
        string.IsNullOrEmpty(etag)
            ? new(StateKeys.TaskIndex(userId), dapr.Serialize(index), StateOperationType.Upsert, options: FirstWrite)
            : new(StateKeys.TaskIndex(userId), dapr.Serialize(index), StateOperationType.Upsert, etag);

    private async Task<(TaskIndex Index, string ETag)> ReadIndexAsync(string userId, CancellationToken cancellationToken)
    {
        var (index, etag) = await dapr.GetStateAndETagAsync<TaskIndex?>(DaprNames.StateStore, StateKeys.TaskIndex(userId), cancellationToken: cancellationToken);
        return (index ?? new TaskIndex([]), etag);
    }

    private async Task<bool> TryTransactAsync(IReadOnlyList<StateTransactionRequest> operations, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprNames.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException ex)
        {
            // Dapr reports an ETag conflict inside a transaction as a generic failure; back off with jitter and retry.
            logger.LogDebug(ex, "Task transaction attempt {Attempt} failed", attempt);
            await Task.Delay(Random.Shared.Next(2, 10 * attempt), cancellationToken);
            return false;
        }
    }
}

internal enum CreateOutcome
{
    Created,
    AlreadyExists,
    LimitReached,
    Contended,
}

internal enum DeleteOutcome
{
    Deleted,
    Stale,
    Contended,
}
