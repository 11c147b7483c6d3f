using Dapr;
using Dapr.Client;
using Todo.Backend.Features.Projects;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// Tasks in the Dapr state store (ADR 0010): one key per task, one index key per user holding the ids of the open tasks,
/// and an archive of completed task ids in fixed-size pages. What a page load and a write read is bounded by the open
/// tasks, however many completed ones a user collects over the years. Creates, deletes, completions and reopens change
/// the task, the index and (for the last three) an archive page in one transaction guarded by their ETags (first-write
/// when a key is new), so concurrent writers never lose a task. Each write is one attempt: a lost race comes back as
/// false (or <see cref="CreateOutcome.Conflict"/>) and the caller retries it through <see cref="OptimisticRetry"/>.
/// </summary>
/// <remarks>
/// Within one process the index writes of one user also take turns (<see cref="IndexGate"/>): parallel creates from
/// one replica (an MCP add_tasks, a burst from a script) would otherwise all read the same index and all but one lose,
/// round after round. The ETag check still decides between replicas; the gate only keeps one replica from racing itself.
/// </remarks>
internal sealed class TaskStore(DaprClient dapr, ProjectStore projects, ILogger<TaskStore> logger)
{
    // Striped, so memory stays bounded whatever the number of users; two users sharing a stripe only wait a little.
    private readonly SemaphoreSlim[] _indexGates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    // daprd caps every gRPC message at --max-body-size (default 4 MiB, both directions), so one bulk read of a long
    // list would fail. The largest task is under 60 KB as JSON (title, notes and 4,000 characters of steps at worst 6
    // bytes each when escaped, plus 100 step ids, tags and fields; ADR 0013), so 64 keys per call stay under 4 MiB
    // whatever the tasks hold.
    internal const int BulkReadKeys = 64;

    // How many of those calls a list has in flight. The bench's list-profile (1,000 open tasks, 16 calls) measured
    // 8 at a time 0.3-0.9 ms faster than 4 in five of six runs and about as fast as all 16 at once; 8 bounds what one
    // list holds in flight (8 × under 4 MiB at worst, about 8 × 22 KB for typical tasks). ADR 0017.
    internal const int ParallelBulkReads = 8;

    // An archive page is 256 ids of 32 hex characters (about 9 KB as JSON): 128 pages per bulk call stay near 1.2 MB.
    private const int BulkReadPages = 128;

    public async Task<(TaskRecord? Task, string ETag)> GetAsync(string userId, string taskId, CancellationToken cancellationToken)
    {
        var (task, etag) = await dapr.GetStateAndETagAsync<TaskRecord?>(DaprNames.StateStore, StateKeys.Task(userId, taskId), cancellationToken: cancellationToken);
        return (task?.UserId == userId ? task : null, etag);
    }

    /// <summary>The Inbox's index and every open task of it, read in bulk calls of at most <see cref="BulkReadKeys"/> keys.</summary>
    public async Task<(IReadOnlyList<TaskRecord> Open, TaskIndex Index)> ListOpenAsync(TaskIndexKey key, CancellationToken cancellationToken)
    {
        var (open, indexes) = await ListOpenAsync([key], cancellationToken);
        return (open, indexes[0]);
    }

    /// <summary>Every open task of the user, in all the projects of their sidebar (the reminder reconciler, tags).</summary>
    public async Task<(IReadOnlyList<TaskRecord> Open, IReadOnlyList<TaskIndex> Indexes)> ListOpenAsync(string userId, CancellationToken cancellationToken) =>
        await ListOpenAsync(await projects.IndexesOfAsync(userId, cancellationToken), cancellationToken);

    /// <summary>
    /// The indexes and the open tasks of several projects (ADR 0011), tasks in index order, project after project.
    /// <paramref name="started"/>, when given, is the read of one of their indexes already under way (<see cref="StartIndexRead"/>).
    /// </summary>
    public async Task<(IReadOnlyList<TaskRecord> Open, IReadOnlyList<TaskIndex> Indexes)> ListOpenAsync(IReadOnlyList<TaskIndexKey> keys, CancellationToken cancellationToken,
        IndexRead? started = null)
    {
        var indexes = await ReadIndexesAsync(keys, cancellationToken, started);
        var open = new List<TaskRecord>();
        foreach (var group in keys.Zip(indexes).GroupBy(k => k.First.OwnerId))
        {
            var tasks = await ReadTasksAsync(group.Key, group.SelectMany(k => k.Second.TaskIds).ToList(), cancellationToken);
            open.AddRange(tasks.Where(t => t is { Completed: false }).Select(t => t!));
        }

        return (open, indexes);
    }

    /// <summary>
    /// The indexes of <paramref name="keys"/> in the same order: the Inbox's read alone (it may need migrating), the
    /// others in one bulk read, both at once. <paramref name="started"/>, when given, is the read of the Inbox's index
    /// that the caller started before it knew the other keys (<see cref="StartIndexRead"/>).
    /// </summary>
    public async Task<IReadOnlyList<TaskIndex>> ReadIndexesAsync(IReadOnlyList<TaskIndexKey> keys, CancellationToken cancellationToken,
        IndexRead? started = null)
    {
        var result = new TaskIndex[keys.Count];
        var inboxes = new List<(int Slot, Task<TaskIndex> Read)>();
        var others = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].IsInbox)
            {
                inboxes.Add((i, started is { } read && read.Key == keys[i] ? read.Index : ReadIndexAsync(keys[i], cancellationToken)));
            }
            else
            {
                others.Add(i);
            }
        }

        // A sidebar holds at most 100 projects; an index of 5,000 open ids is about 175 KB, and all of them together
        // hold at most the user's 5,000 open tasks, so one bulk call stays far below daprd's 4 MiB.
        var bulk = others.Count > 0
            ? dapr.GetBulkStateAsync<TaskIndex?>(DaprNames.StateStore, others.Select(i => keys[i].Key).ToList(),
                parallelism: 8, cancellationToken: cancellationToken)
            : Task.FromResult<IReadOnlyList<BulkStateItem<TaskIndex?>>>([]);
        await Task.WhenAll([bulk, .. inboxes.Select(r => r.Read)]);
        foreach (var (slot, read) in inboxes)
        {
            result[slot] = await read;
        }

        foreach (var (i, item) in others.Zip(await bulk))
        {
            result[i] = item.Value ?? new TaskIndex([]) { Format = TaskIndex.CurrentFormat };
        }

        return result;
    }

    /// <summary>
    /// Starts reading the index of <paramref name="key"/> (migrating it if need be) without waiting for it: a list knows
    /// the Inbox's key from the user id alone, so it reads that index while it reads the sidebar for the other keys.
    /// Hand the result to <see cref="ListOpenAsync(IReadOnlyList{TaskIndexKey}, CancellationToken, IndexRead?)"/> or
    /// <see cref="ReadIndexesAsync"/>, or await <see cref="IndexRead.Index"/> yourself, so its outcome is always observed.
    /// </summary>
    public IndexRead StartIndexRead(TaskIndexKey key, CancellationToken cancellationToken) => new(key, ReadIndexAsync(key, cancellationToken));

    /// <summary>One index alone (counts of open and archived tasks).</summary>
    public async Task<TaskIndex> ReadIndexAsync(TaskIndexKey key, CancellationToken cancellationToken) =>
        (await ReadIndexAndETagAsync(key, cancellationToken)).Index;

    /// <summary>
    /// Completed tasks newest first from <paramref name="from"/>, the ones <paramref name="matches"/> accepts, until
    /// <paramref name="want"/> are found or about <paramref name="scanBudget"/> tasks were read (a search of a long archive
    /// then goes on from the returned position). Next is null when the archive has no more.
    /// </summary>
    public async Task<(List<TaskRecord> Found, ArchivePosition? Next)> ReadArchiveAsync(
        TaskIndexKey key, ArchivePosition from, Func<TaskRecord, bool> matches, int want, int scanBudget, CancellationToken cancellationToken)
    {
        var found = new List<TaskRecord>();
        var position = from.Normalised();
        var scanned = 0;
        while (position is { } at && found.Count < want && scanned < scanBudget)
        {
            // Only as many pages as the budget can use, so a short page costs one small read of page keys.
            var pageCount = Math.Min(at.Page + 1, Math.Max(1, Math.Min(BulkReadPages, (scanBudget - scanned) / ArchivePage.Capacity + 1)));
            var numbers = Enumerable.Range(0, pageCount).Select(i => at.Page - i).ToList();
            var pages = await dapr.GetBulkStateAsync<ArchivePage?>(DaprNames.StateStore,
                numbers.Select(key.Page).ToList(), parallelism: 1, cancellationToken: cancellationToken);
            var candidates = new List<(int Page, int Slot, string Id)>();
            foreach (var (number, item) in numbers.Zip(pages))
            {
                var ids = item.Value?.TaskIds ?? [];
                for (var slot = (number == at.Page ? Math.Min(at.Remaining, ids.Count) : ids.Count) - 1; slot >= 0; slot--)
                {
                    candidates.Add((number, slot, ids[slot]));
                }
            }

            position = new ArchivePosition(at.Page - pageCount, int.MaxValue).Normalised();
            foreach (var chunk in candidates.Chunk(BulkReadKeys))
            {
                var tasks = await ReadTasksAsync(key.OwnerId, chunk.Select(c => c.Id).ToList(), cancellationToken);
                for (var i = 0; i < chunk.Length; i++)
                {
                    scanned++;
                    if (tasks[i] is { Completed: true } task && matches(task))
                    {
                        found.Add(task);
                    }

                    if (found.Count == want || (scanned >= scanBudget && i == chunk.Length - 1))
                    {
                        // Go on after this id; the position counts the ids of its page still to read (those before it).
                        var next = new ArchivePosition(chunk[i].Page, chunk[i].Slot).Normalised();
                        return (found, next);
                    }
                }
            }
        }

        return (found, position);
    }

    /// <summary>
    /// Adds an open task and its index entry in one transaction, unless the task exists already or the user has
    /// <paramref name="limit"/> open tasks.
    /// </summary>
    public async Task<CreateOutcome> TryCreateAsync(TaskRecord task, int limit, CancellationToken cancellationToken) =>
        await TryCreateAsync(task, limit, null, cancellationToken);

    /// <summary>
    /// As <see cref="TryCreateAsync(TaskRecord, int, CancellationToken)"/>, and records the answer under an idempotency key
    /// in the same transaction (first-write, with a TTL): either the task and its record exist, or neither does.
    /// </summary>
    public async Task<CreateOutcome> TryCreateAsync(TaskRecord task, int limit, (IdempotencyKey Key, IdempotencyRecord Record)? idempotent, CancellationToken cancellationToken)
    {
        var indexKey = TaskIndexKey.Of(task);
        using var turn = await IndexGate(indexKey, cancellationToken);
        var (index, indexETag) = await ReadIndexAndETagAsync(indexKey, cancellationToken);
        if (index.TaskIds.Contains(task.Id))
        {
            return CreateOutcome.AlreadyExists;
        }

        // A project's index is written with the project and removed last when it is deleted (ADR 0011): without it the
        // project is gone, and a create that resolved it just before must not bring the index back.
        if (ProjectIsGone(indexKey, indexETag))
        {
            return CreateOutcome.ProjectGone;
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
            IndexWrite(indexKey, index, indexETag),
        ];
        if (idempotent is var (key, record))
        {
            // Keyed by the caller, who is the creator: in a shared project the task itself is under its owner's key.
            operations.Add(new(StateKeys.IdempotentCreate(task.CreatedBy ?? task.UserId, key.KeyHash), dapr.Serialize(record), StateOperationType.Upsert,
                options: FirstWrite, metadata: IdempotencyTtl));
        }

        if (await TryTransactAsync(operations, cancellationToken))
        {
            return CreateOutcome.Created;
        }

        // A derived id whose task was completed since is in the archive, not the index: its first-write fails for good.
        return (await GetAsync(task.UserId, task.Id, cancellationToken)).Task is not null ? CreateOutcome.AlreadyExists : CreateOutcome.Conflict;
    }

    /// <summary>The answer recorded for an idempotency key of this user, if it was used in the last 24 hours.</summary>
    public async Task<IdempotencyRecord?> GetIdempotentCreateAsync(string userId, IdempotencyKey key, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<IdempotencyRecord?>(DaprNames.StateStore, StateKeys.IdempotentCreate(userId, key.KeyHash), cancellationToken: cancellationToken);

    // ttlInSeconds on a transaction operation is honoured by daprd (pkg/api/grpc/grpc.go ExecuteStateTransaction passes
    // each request's metadata to the store) and by state.postgresql/sqlite, which store an expiry per row.
    private static readonly Dictionary<string, string> IdempotencyTtl = new()
    {
        ["ttlInSeconds"] = ((int)IdempotencyKey.Lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Saves a changed task if it still has <paramref name="etag"/> (the Dapr ETag of the read <paramref name="previous"/>
    /// came from); false when someone saved first. With an ETag the store checks it whatever the concurrency mode
    /// (components-contrib state.postgresql v1: <c>UPDATE … WHERE key = $1 AND xmin = $2</c>). A completion moves the id
    /// from the index to the newest archive page, a reopen moves it back, each in one transaction.
    /// </summary>
    public Task<bool> TryUpdateAsync(TaskRecord previous, TaskRecord changed, string etag, CancellationToken cancellationToken) =>
        (previous.Completed, changed.Completed) switch
        {
            _ when previous.ProjectId != changed.ProjectId => TryMoveAsync(previous, changed, etag, cancellationToken),
            (false, true) => TryArchiveAsync(changed, etag, cancellationToken),
            (true, false) => TryUnarchiveAsync(previous, changed, etag, cancellationToken),
            _ => dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.Task(changed.UserId, changed.Id), changed, etag, cancellationToken: cancellationToken),
        };

    /// <summary>Removes a task that still has <paramref name="etag"/>, and its index or archive entry, in one transaction.</summary>
    public async Task<bool> TryDeleteAsync(TaskRecord task, string etag, CancellationToken cancellationToken)
    {
        var key = TaskIndexKey.Of(task);
        using var turn = await IndexGate(key, cancellationToken);
        var (index, indexETag) = await ReadIndexAndETagAsync(key, cancellationToken);
        List<StateTransactionRequest> operations = [new(StateKeys.Task(task.UserId, task.Id), null, StateOperationType.Delete, etag)];
        if (task.Completed && await FindInArchiveAsync(task, key, index, cancellationToken) is { } found)
        {
            found.Page.TaskIds.Remove(task.Id);
            operations.Add(new(key.Page(found.Number), dapr.Serialize(found.Page), StateOperationType.Upsert, found.ETag));
            index = index with { ArchivedCount = Math.Max(0, index.ArchivedCount - 1) };
        }

        index.TaskIds.Remove(task.Id);
        operations.Add(IndexWrite(key, index, indexETag));
        return await TryTransactAsync(operations, cancellationToken);
    }

    /// <summary>
    /// Deletes every task of a user, the archive and the index (account deletion). <paramref name="beforeDelete"/> runs
    /// for each task id first (its reminder job). The index goes last, guarded by its ETag: a task created meanwhile
    /// shows up in the re-read index and is deleted in the next pass.
    /// </summary>
    public Task DeleteAllAsync(string userId, Func<string, CancellationToken, Task> beforeDelete, CancellationToken cancellationToken) =>
        DeleteAllAsync(TaskIndexKey.Inbox(userId), beforeDelete, cancellationToken);

    /// <summary>As <see cref="DeleteAllAsync(string, Func{string, CancellationToken, Task}, CancellationToken)"/> for one project's index (a project deleted with its tasks).</summary>
    public async Task DeleteAllAsync(TaskIndexKey key, Func<string, CancellationToken, Task> beforeDelete, CancellationToken cancellationToken)
    {
        var userId = key.OwnerId;
        var done = new HashSet<string>(StringComparer.Ordinal);
        var deleted = await OptimisticRetry.RunAsync<bool>(async _ =>
        {
            var (index, indexETag) = await ReadIndexAndETagAsync(key, cancellationToken);
            if (string.IsNullOrEmpty(indexETag) && index.TaskIds.Count == 0)
            {
                return true;
            }

            var archived = (await ReadArchivePagesAsync(key, index, cancellationToken)).SelectMany(p => p.Page.TaskIds);
            foreach (var chunk in index.TaskIds.Concat(archived).Where(id => !done.Contains(id)).Distinct().Chunk(100))
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

            List<StateTransactionRequest> operations = Enumerable.Range(0, index.ArchivePages)
                .Select(n => new StateTransactionRequest(key.Page(n), null, StateOperationType.Delete)).ToList();
            operations.Add(new(key.Key, null, StateOperationType.Delete, indexETag));
            return await TryTransactAsync(operations, cancellationToken) ? true : null;
        }, cancellationToken);
        if (deleted is null)
        {
            throw new DaprException($"The tasks of index {key.Key} could not be deleted after repeated conflicts.");
        }
    }

    /// <summary>How many tasks one step of <see cref="TryMoveSomeAsync"/> moves: 50 of the largest tasks stay near 1.6 MB, under daprd's 4 MiB.</summary>
    internal const int MoveBatch = 50;

    /// <summary>
    /// One step of moving every task of <paramref name="from"/> to <paramref name="to"/> (a project deleted with its tasks
    /// moved, ADR 0011): up to <see cref="MoveBatch"/> open tasks, or else completed ones from the oldest archive page
    /// (so they keep their order at the end of the target's archive), each changed by <paramref name="change"/>, in one
    /// transaction with both indexes and pages under their ETags. A task is in exactly one index at every commit.
    /// </summary>
    public async Task<MoveStep> TryMoveSomeAsync(TaskIndexKey from, TaskIndexKey to, Func<TaskRecord, TaskRecord> change, CancellationToken cancellationToken)
    {
        using var turn = await IndexGates(from, to, cancellationToken);
        var (source, sourceETag) = await ReadIndexAndETagAsync(from, cancellationToken);
        var (target, targetETag) = await ReadIndexAndETagAsync(to, cancellationToken);
        if (ProjectIsGone(to, targetETag))
        {
            return new MoveStep(Committed: false, Finished: false, []);
        }

        List<StateTransactionRequest> operations = [];
        var moved = new List<TaskRecord>();
        List<string> ids;
        if (source.TaskIds.Count > 0)
        {
            ids = source.TaskIds.Take(MoveBatch).ToList();
            source.TaskIds.RemoveRange(0, ids.Count);
            foreach (var (task, etag) in await ReadWithETagsAsync(from.OwnerId, ids, cancellationToken))
            {
                var changed = change(task) with { ProjectId = to.ProjectId, ArchivePage = null };
                operations.Add(new(StateKeys.Task(changed.UserId, changed.Id), dapr.Serialize(changed), StateOperationType.Upsert, etag));
                target.TaskIds.Add(changed.Id);
                moved.Add(changed);
            }
        }
        else if ((await ReadArchivePagesAsync(from, source, cancellationToken)).FirstOrDefault(p => p.Page.TaskIds.Count > 0) is { Page: not null } oldest)
        {
            var (number, page, pageETag) = await NewestPageAsync(to, target, cancellationToken);
            ids = oldest.Page.TaskIds.Take(Math.Min(MoveBatch, ArchivePage.Capacity - page.TaskIds.Count)).ToList();
            oldest.Page.TaskIds.RemoveRange(0, ids.Count);
            operations.Add(new(from.Page(oldest.Number), dapr.Serialize(oldest.Page), StateOperationType.Upsert, oldest.ETag));
            var found = await ReadWithETagsAsync(from.OwnerId, ids, cancellationToken);
            foreach (var (task, etag) in found)
            {
                var changed = change(task) with { ProjectId = to.ProjectId, ArchivePage = number };
                operations.Add(new(StateKeys.Task(changed.UserId, changed.Id), dapr.Serialize(changed), StateOperationType.Upsert, etag));
                page.TaskIds.Add(changed.Id);
            }

            operations.Add(Write(to.Page(number), page, pageETag));
            source = source with { ArchivedCount = Math.Max(0, source.ArchivedCount - ids.Count) };
            target = target with { ArchivePages = Math.Max(target.ArchivePages, number + 1), ArchivedCount = target.ArchivedCount + found.Count };
        }
        else
        {
            return new MoveStep(Committed: true, Finished: true, []);
        }

        operations.Add(IndexWrite(from, source, sourceETag));
        operations.Add(IndexWrite(to, target, targetETag));
        return await TryTransactAsync(operations, cancellationToken)
            ? new MoveStep(Committed: true, Finished: false, moved)
            : new MoveStep(Committed: false, Finished: false, []);
    }

    private static bool ProjectIsGone(TaskIndexKey key, string indexETag) => !key.IsInbox && string.IsNullOrEmpty(indexETag);

    /// <summary>The tasks of <paramref name="ids"/> that exist and are the owner's, each with the ETag of this read.</summary>
    private async Task<List<(TaskRecord Task, string ETag)>> ReadWithETagsAsync(string ownerId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var items = await dapr.GetBulkStateAsync<TaskRecord?>(DaprNames.StateStore, ids.Select(id => StateKeys.Task(ownerId, id)).ToList(),
            parallelism: 8, cancellationToken: cancellationToken);
        return items.Where(i => i.Value?.UserId == ownerId).Select(i => (i.Value!, i.ETag)).ToList();
    }

    private async Task<bool> TryArchiveAsync(TaskRecord changed, string etag, CancellationToken cancellationToken)
    {
        var key = TaskIndexKey.Of(changed);
        using var turn = await IndexGate(key, cancellationToken);
        var (index, indexETag) = await ReadIndexAndETagAsync(key, cancellationToken);
        var (number, page, pageETag) = await NewestPageAsync(key, index, cancellationToken);
        page.TaskIds.Add(changed.Id);
        index.TaskIds.Remove(changed.Id);
        index = index with { ArchivePages = Math.Max(index.ArchivePages, number + 1), ArchivedCount = index.ArchivedCount + 1 };
        List<StateTransactionRequest> operations =
        [
            new(StateKeys.Task(changed.UserId, changed.Id), dapr.Serialize(changed with { ArchivePage = number }), StateOperationType.Upsert, etag),
            Write(key.Page(number), page, pageETag),
            IndexWrite(key, index, indexETag),
        ];
        return await TryTransactAsync(operations, cancellationToken);
    }

    /// <summary>The page completions of <paramref name="key"/> go to: the newest, or a new one when it is full.</summary>
    private async Task<(int Number, ArchivePage Page, string ETag)> NewestPageAsync(TaskIndexKey key, TaskIndex index, CancellationToken cancellationToken)
    {
        var (number, page, pageETag) = (index.ArchivePages - 1, (ArchivePage?)null, "");
        if (number >= 0)
        {
            (page, pageETag) = await dapr.GetStateAndETagAsync<ArchivePage?>(DaprNames.StateStore, key.Page(number), cancellationToken: cancellationToken);
        }

        return page is null || page.TaskIds.Count >= ArchivePage.Capacity ? (index.ArchivePages, new ArchivePage([]), "") : (number, page, pageETag);
    }

    /// <summary>
    /// Moves a task to another project (ADR 0011) in one transaction: the task (its ETag; into another owner's project the
    /// old key is deleted and the new owner's written), the source index and, for a completed task, its archive page, the
    /// destination index and its newest page. A full destination
    /// (<see cref="TaskRules.MaxTasksPerUser"/> open) counts as a lost race the caller's retry gives up on.
    /// </summary>
    private async Task<bool> TryMoveAsync(TaskRecord previous, TaskRecord changed, string etag, CancellationToken cancellationToken)
    {
        var (from, to) = (TaskIndexKey.Of(previous), TaskIndexKey.Of(changed));
        using var turn = await IndexGates(from, to, cancellationToken);
        var (source, sourceETag) = await ReadIndexAndETagAsync(from, cancellationToken);
        var (target, targetETag) = await ReadIndexAndETagAsync(to, cancellationToken);
        if (ProjectIsGone(to, targetETag))
        {
            return false;
        }

        List<StateTransactionRequest> operations = [];
        if (changed.Completed)
        {
            if (await FindInArchiveAsync(previous, from, source, cancellationToken) is { } found)
            {
                found.Page.TaskIds.Remove(previous.Id);
                operations.Add(new(from.Page(found.Number), dapr.Serialize(found.Page), StateOperationType.Upsert, found.ETag));
                source = source with { ArchivedCount = Math.Max(0, source.ArchivedCount - 1) };
            }

            var (number, page, pageETag) = await NewestPageAsync(to, target, cancellationToken);
            page.TaskIds.Add(changed.Id);
            operations.Add(Write(to.Page(number), page, pageETag));
            target = target with { ArchivePages = Math.Max(target.ArchivePages, number + 1), ArchivedCount = target.ArchivedCount + 1 };
            changed = changed with { ArchivePage = number };
        }
        else
        {
            // No cap here: a move leaves the user's count of open tasks as it was.
            source.TaskIds.Remove(previous.Id);
            if (!target.TaskIds.Contains(changed.Id))
            {
                target.TaskIds.Add(changed.Id);
            }
        }

        if (changed.UserId == previous.UserId)
        {
            operations.Add(new(StateKeys.Task(changed.UserId, changed.Id), dapr.Serialize(changed), StateOperationType.Upsert, etag));
        }
        else
        {
            // Into another owner's project: the task's key is its owner's (task-{owner}-{id}), so the old key goes (under its
            // ETag) and the new one is written first-write, in the same transaction as both indexes.
            operations.Add(new(StateKeys.Task(previous.UserId, previous.Id), null, StateOperationType.Delete, etag));
            operations.Add(new(StateKeys.Task(changed.UserId, changed.Id), dapr.Serialize(changed), StateOperationType.Upsert, options: FirstWrite));
        }

        operations.Add(IndexWrite(from, source, sourceETag));
        operations.Add(IndexWrite(to, target, targetETag));
        return await TryTransactAsync(operations, cancellationToken);
    }

    private async Task<bool> TryUnarchiveAsync(TaskRecord previous, TaskRecord changed, string etag, CancellationToken cancellationToken)
    {
        var key = TaskIndexKey.Of(changed);
        using var turn = await IndexGate(key, cancellationToken);
        var (index, indexETag) = await ReadIndexAndETagAsync(key, cancellationToken);
        List<StateTransactionRequest> operations =
        [
            new(StateKeys.Task(changed.UserId, changed.Id), dapr.Serialize(changed with { ArchivePage = null }), StateOperationType.Upsert, etag),
        ];
        if (await FindInArchiveAsync(previous, key, index, cancellationToken) is { } found)
        {
            found.Page.TaskIds.Remove(changed.Id);
            operations.Add(new(key.Page(found.Number), dapr.Serialize(found.Page), StateOperationType.Upsert, found.ETag));
            index = index with { ArchivedCount = Math.Max(0, index.ArchivedCount - 1) };
        }

        if (!index.TaskIds.Contains(changed.Id))
        {
            index.TaskIds.Add(changed.Id);
        }

        operations.Add(IndexWrite(key, index, indexETag));
        return await TryTransactAsync(operations, cancellationToken);
    }

    /// <summary>The archive page holding a completed task: the page it was archived to, else (migrated tasks) a scan.</summary>
    private async Task<(int Number, ArchivePage Page, string ETag)?> FindInArchiveAsync(TaskRecord task, TaskIndexKey key, TaskIndex index, CancellationToken cancellationToken)
    {
        if (task.ArchivePage is { } hint && hint < index.ArchivePages)
        {
            var (page, etag) = await dapr.GetStateAndETagAsync<ArchivePage?>(DaprNames.StateStore, key.Page(hint), cancellationToken: cancellationToken);
            if (page?.TaskIds.Contains(task.Id) == true)
            {
                return (hint, page, etag);
            }
        }

        foreach (var found in await ReadArchivePagesAsync(key, index, cancellationToken))
        {
            if (found.Page.TaskIds.Contains(task.Id))
            {
                return found;
            }
        }

        return null;
    }

    private async Task<List<(int Number, ArchivePage Page, string ETag)>> ReadArchivePagesAsync(TaskIndexKey key, TaskIndex index, CancellationToken cancellationToken)
    {
        var pages = new List<(int, ArchivePage, string)>();
        foreach (var chunk in Enumerable.Range(0, index.ArchivePages).Chunk(BulkReadPages))
        {
            var items = await dapr.GetBulkStateAsync<ArchivePage?>(DaprNames.StateStore,
                chunk.Select(key.Page).ToList(), parallelism: 1, cancellationToken: cancellationToken);
            pages.AddRange(chunk.Zip(items).Where(p => p.Second.Value is not null).Select(p => (p.First, p.Second.Value!, p.Second.ETag)));
        }

        return pages;
    }

    /// <summary>The tasks of <paramref name="ids"/> in the same order (null where missing or not the user's).</summary>
    internal async Task<TaskRecord?[]> ReadTasksAsync(string userId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var pages = ids.Chunk(BulkReadKeys).ToList();
        var results = new IReadOnlyList<BulkStateItem<TaskRecord?>>[pages.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBulkReads, CancellationToken = cancellationToken },
            async (page, token) => results[page] = await dapr.GetBulkStateAsync<TaskRecord?>(DaprNames.StateStore,
                pages[page].Select(id => StateKeys.Task(userId, id)).ToList(), parallelism: 8, cancellationToken: token));
        return results.SelectMany(items => items).Select(i => i.Value?.UserId == userId ? i.Value : null).ToArray();
    }

    /// <summary>Waits for this process's turn to write the index of <paramref name="key"/>; disposing the result ends the turn.</summary>
    private async Task<IDisposable> IndexGate(TaskIndexKey key, CancellationToken cancellationToken)
    {
        var gate = GateOf(key);
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    /// <summary>Turns on two indexes at once (a move): taken in a fixed order, and once when both share a stripe, so two moves never deadlock.</summary>
    private async Task<IDisposable> IndexGates(TaskIndexKey first, TaskIndexKey second, CancellationToken cancellationToken)
    {
        var (a, b) = (Array.IndexOf(_indexGates, GateOf(first)), Array.IndexOf(_indexGates, GateOf(second)));
        if (a == b)
        {
            return await IndexGate(first, cancellationToken);
        }

        var (low, high) = (_indexGates[Math.Min(a, b)], _indexGates[Math.Max(a, b)]);
        await low.WaitAsync(cancellationToken);
        try
        {
            await high.WaitAsync(cancellationToken);
        }
        catch
        {
            low.Release();
            throw;
        }

        return new Turns(new Turn(high), new Turn(low));
    }

    private SemaphoreSlim GateOf(TaskIndexKey key) => _indexGates[(int)((uint)StringComparer.Ordinal.GetHashCode(key.Key) % _indexGates.Length)];

    private sealed class Turns(Turn first, Turn second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
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

    private StateTransactionRequest IndexWrite(TaskIndexKey key, TaskIndex index, string etag) =>
        Write(key.Key, index with { Format = TaskIndex.CurrentFormat }, etag);

    /// <summary>An upsert guarded by the ETag of the read, or first-write when the key was not there.</summary>
    internal StateTransactionRequest Write<T>(string key, T value, string etag) =>
        string.IsNullOrEmpty(etag)
            ? new(key, dapr.Serialize(value), StateOperationType.Upsert, options: FirstWrite)
            : new(key, dapr.Serialize(value), StateOperationType.Upsert, etag);

    /// <summary>An unguarded upsert (a key only this transaction's guarded writes lead to).</summary>
    internal StateTransactionRequest Put<T>(string key, T value) => new(key, dapr.Serialize(value), StateOperationType.Upsert);

    /// <summary>The index in the current format; an index of the old format is migrated first (ADR 0010).</summary>
    internal async Task<(TaskIndex Index, string ETag)> ReadIndexAndETagAsync(TaskIndexKey key, CancellationToken cancellationToken)
    {
        var userId = key.OwnerId;
        for (var attempt = 1; ; attempt++)
        {
            // Only the Inbox's index can be in the format before ADR 0010; project indexes are written in the current one.
            var (index, etag) = await dapr.GetStateAndETagAsync<TaskIndex?>(DaprNames.StateStore, key.Key, cancellationToken: cancellationToken);
            if (index is null)
            {
                return (new TaskIndex([]) { Format = TaskIndex.CurrentFormat }, etag);
            }

            if (index.Format >= TaskIndex.CurrentFormat)
            {
                return (index, etag);
            }

            // Another reader may migrate the same index at the same moment; the index ETag lets one win, the other re-reads.
            if (!await TaskIndexMigration.TryMigrateAsync(this, userId, index, etag, cancellationToken) && attempt >= OptimisticRetry.MaxAttempts)
            {
                throw new DaprException($"The task index of user {userId} could not be migrated after repeated conflicts.");
            }
        }
    }

    internal async Task<bool> TryTransactAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken)
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

/// <summary>
/// Where a walk of the archive goes on: page <see cref="Page"/>, of whose ids the first <see cref="Remaining"/> are still
/// to read (newest first, so the next one is at <c>Remaining - 1</c>); <see cref="int.MaxValue"/> means the whole page.
/// </summary>
internal readonly record struct ArchivePosition(int Page, int Remaining)
{
    public static ArchivePosition Newest(TaskIndex index) => new(index.ArchivePages - 1, int.MaxValue);

    /// <summary>Null when nothing is left: an exhausted page moves on to the older one.</summary>
    public ArchivePosition? Normalised() => Remaining <= 0 ? new ArchivePosition(Page - 1, int.MaxValue).Normalised() : Page < 0 ? null : this;
}

/// <summary>A read of one index under way (<see cref="TaskStore.StartIndexRead"/>).</summary>
internal sealed record IndexRead(TaskIndexKey Key, Task<TaskIndex> Index);

/// <summary>What one step of a bulk move did: nothing (a lost race, retry), some tasks (the open ones returned), or the source was empty.</summary>
internal readonly record struct MoveStep(bool Committed, bool Finished, IReadOnlyList<TaskRecord> MovedOpen);

internal enum CreateOutcome
{
    Created,
    AlreadyExists,
    LimitReached,
    Conflict,

    /// <summary>The idempotency key was used before: its recorded answer stands.</summary>
    Replayed,

    /// <summary>The task's project was deleted between its check and the write.</summary>
    ProjectGone,
}
