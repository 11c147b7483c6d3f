using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.State;

/// <summary>
/// What components-contrib's SQL state stores share, and so do ours: reads are bulk reads, a transaction runs the
/// operations one statement each and judges every statement by its affected-row count the same way, and expired rows
/// are deleted by a periodic cleanup. Subclasses write the SQL of their dialect and open their connections.
/// </summary>
internal abstract class SqlStateStore(string table, StateKeyPrefix keyPrefix, ILogger logger) : IStateStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _cleanup = Task.CompletedTask;
    private int _disposed;

    public StateKeyPrefix KeyPrefix { get; } = keyPrefix;

    public IReadOnlyList<string> Capabilities => StateFeatures.All;

    /// <summary>The (possibly schema-qualified) table name, already validated by StateComponentMetadata.TableName.</summary>
    protected string Table { get; } = table;

    protected ILogger Logger { get; } = logger;

    public async Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken) =>
        (await BulkGetAsync([key], cancellationToken)).FirstOrDefault();

    public abstract Task<IReadOnlyList<StateEntry>> BulkGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    public Task SetAsync(StateUpsert upsert, CancellationToken cancellationToken) => ExecuteOneAsync(upsert, cancellationToken);

    public Task DeleteAsync(StateDelete delete, CancellationToken cancellationToken) => ExecuteOneAsync(delete, cancellationToken);

    public async Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var operation in operations)
        {
            Check(operation, await ExecuteAsync(connection, transaction, operation, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // The registry and the host may both dispose components; only the first call does the work.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _cleanup;
        _stopping.Dispose();
        await DisposeConnectionsAsync();
    }

    /// <summary>A single write outside a transaction call: a transaction of one unless the dialect needs none.</summary>
    protected virtual Task ExecuteOneAsync(StateOperation operation, CancellationToken cancellationToken) =>
        ExecuteTransactionAsync([operation], cancellationToken);

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs one upsert or delete and returns the rows it affected (a delete without ETag reports 1).</summary>
    protected abstract Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, StateOperation operation, CancellationToken cancellationToken);

    /// <summary>Deletes the rows whose TTL has passed; returns how many.</summary>
    protected abstract Task<int> DeleteExpiredAsync(CancellationToken cancellationToken);

    protected abstract ValueTask DisposeConnectionsAsync();

    /// <summary>
    /// contrib's rule for a write that touched no row: with an ETag it is an ETag mismatch (the row changed, expired or
    /// is gone), an upsert without one (first-write on a live row) is "no item was updated".
    /// </summary>
    protected static void Check(StateOperation operation, int affected)
    {
        if (affected == 1)
        {
            return;
        }

        if (operation.ETag is not null)
        {
            throw StateETagException.Mismatch();
        }

        if (operation is StateUpsert)
        {
            throw new InvalidOperationException("no item was updated");
        }
    }

    /// <summary>Deletes expired rows every <paramref name="interval"/> (contrib's <c>cleanupInterval</c>) until disposed.</summary>
    protected void StartCleanup(TimeSpan interval, TimeProvider time)
    {
        if (interval > TimeSpan.Zero)
        {
            _cleanup = CleanupLoopAsync(interval, time, _stopping.Token);
        }
    }

    private async Task CleanupLoopAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    var removed = await DeleteExpiredAsync(cancellationToken);
                    if (removed > 0)
                    {
                        Logger.LogDebug("Removed {Count} expired rows from {Table}", removed, Table);
                    }
                }
                catch (DbException ex)
                {
                    Logger.LogWarning(ex, "Cleaning expired state from {Table} failed", Table);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
