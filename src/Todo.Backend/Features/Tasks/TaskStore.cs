using Dapr;
using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// Tasks in the Dapr state store: one key per task and one index key per user. Creates and deletes change the task
/// and the index in one transaction guarded by the index's ETag (first-write when the index is new), so concurrent
/// writers never lose a task. Each write is one attempt: a lost race comes back as false (or <see cref="CreateOutcome.Conflict"/>)
/// and the caller retries it through <see cref="OptimisticRetry"/>, re-reading what it changes.
/// </summary>
/// <remarks>
/// Within one process the index writes of one user also take turns (<see cref="IndexGate"/>): parallel creates from
/// one replica (an MCP add_tasks, a burst from a script) would otherwise all read the same index and all but one lose,
/// round after round. The ETag check still decides between replicas; the gate only keeps one replica from racing itself.
/// </remarks>
internal sealed class TaskStore(DaprClient dapr, ILogger<TaskStore> logger)
{
    // Striped, so memory stays bounded whatever the number of users; two users sharing a stripe only wait a little.
    private readonly SemaphoreSlim[] _indexGates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

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

    /// <summary>Every task of a user, read in bulk calls of at most <see cref="BulkReadKeys"/> keys.</summary>
    public async Task<IReadOnlyList<TaskRecord>> ListAsync(string userId, CancellationToken cancellationToken)
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
        return results.SelectMany(items => items).Where(i => i.Value?.UserId == userId).Select(i => i.Value!).ToList();
    }

    public async Task<int> CountAsync(string userId, CancellationToken cancellationToken) =>
        (await ReadIndexAsync(userId, cancellationToken)).Index.TaskIds.Count;

    /// <summary>
    /// Adds a task and its index entry in one transaction, unless the index already holds it or holds
    /// <paramref name="limit"/> tasks.
    /// </summary>
    public async Task<CreateOutcome> TryCreateAsync(TaskRecord task, int limit, CancellationToken cancellationToken)
    {
        using var turn = await IndexGate(task.UserId, cancellationToken);
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
        return await TryTransactAsync(operations, cancellationToken) ? CreateOutcome.Created : CreateOutcome.Conflict;
    }

    /// <summary>
    /// Saves a changed task if it still has <paramref name="etag"/> (the Dapr ETag of the read it was changed from);
    /// false when someone saved first. With an ETag the store checks it whatever the concurrency mode
    /// (components-contrib state.postgresql v1: <c>UPDATE … WHERE key = $1 AND xmin = $2</c>).
    /// </summary>
    public Task<bool> TryUpdateAsync(TaskRecord task, string etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.Task(task.UserId, task.Id), task, etag, cancellationToken: cancellationToken);

    /// <summary>Removes a task that still has <paramref name="etag"/>, and its index entry, in one transaction.</summary>
    public async Task<bool> TryDeleteAsync(string userId, string taskId, string etag, CancellationToken cancellationToken)
    {
        using var turn = await IndexGate(userId, cancellationToken);
        var (index, indexETag) = await ReadIndexAsync(userId, cancellationToken);
        index.TaskIds.Remove(taskId);
        List<StateTransactionRequest> operations =
        [
            new(StateKeys.Task(userId, taskId), null, StateOperationType.Delete, etag),
            IndexWrite(userId, index, indexETag),
        ];
        return await TryTransactAsync(operations, cancellationToken);
    }

    /// <summary>
    /// Deletes every task of a user and the index (account deletion). <paramref name="beforeDelete"/> runs for each task
    /// id first (its reminder job). The index goes last, guarded by its ETag: a task created meanwhile shows up in the
    /// re-read index and is deleted in the next pass.
    /// </summary>
    public async Task DeleteAllAsync(string userId, Func<string, CancellationToken, Task> beforeDelete, CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var deleted = await OptimisticRetry.RunAsync<bool>(async _ =>
        {
            var (index, indexETag) = await ReadIndexAsync(userId, cancellationToken);
            if (string.IsNullOrEmpty(indexETag) && index.TaskIds.Count == 0)
            {
                return true;
            }

            foreach (var chunk in index.TaskIds.Where(id => !done.Contains(id)).Chunk(100))
            {
                foreach (var taskId in chunk)
                {
                    await beforeDelete(taskId, cancellationToken);
                }

                await dapr.ExecuteStateTransactionAsync(DaprNames.StateStore,
                    chunk.Select(id => new StateTransactionRequest(StateKeys.Task(userId, id), null, StateOperationType.Delete)).ToList(),
                    cancellationToken: cancellationToken);
                done.UnionWith(chunk);
            }

            List<StateTransactionRequest> operations = [new(StateKeys.TaskIndex(userId), null, StateOperationType.Delete, indexETag)];
            return await TryTransactAsync(operations, cancellationToken) ? true : null;
        }, cancellationToken);
        if (deleted is null)
        {
            throw new DaprException($"The tasks of user {userId} could not be deleted after repeated conflicts.");
        }
    }

    /// <summary>Waits for this process's turn to write <paramref name="userId"/>'s index; disposing the result ends the turn.</summary>
    private async Task<IDisposable> IndexGate(string userId, CancellationToken cancellationToken)
    {
        var gate = _indexGates[(int)((uint)StringComparer.Ordinal.GetHashCode(userId) % _indexGates.Length)];
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
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

    private async Task<bool> TryTransactAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprNames.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Dapr reports an ETag conflict inside a transaction as a generic failure (state.postgresql: Internal), so
            // any failure counts as a lost race; the caller's bounded retry re-reads and tries again.
            logger.LogDebug(ex, "A task transaction failed; treating it as a lost race");
            return false;
        }
    }
}

internal enum CreateOutcome
{
    Created,
    AlreadyExists,
    LimitReached,
    Conflict,
}
