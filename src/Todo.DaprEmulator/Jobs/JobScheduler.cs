using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// The emulator's stand-in for the Dapr Scheduler, and the jobs API's entry point: one <see cref="JobTable"/> of jobs
/// keyed by app id and name, kept in a <see cref="JobPersistence"/> store, fired by a <see cref="JobTriggerLoop"/>
/// through <see cref="JobDelivery"/> (which holds the triggers of unreachable apps and applies failure policies).
/// </summary>
internal sealed class JobScheduler : IRuntimeService, IAsyncDisposable
{
    private readonly ComponentRegistry _components;
    private readonly EmulatorOptions _options;
    private readonly SidecarRegistry _sidecars;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JobTable _table = new();
    private readonly JobPersistence _persistence = new();
    private readonly JobDelivery _delivery;
    private readonly JobTriggerLoop _loop;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    public JobScheduler(ComponentRegistry components, EmulatorOptions options, SidecarRegistry sidecars, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _components = components;
        _options = options;
        _sidecars = sidecars;
        _time = time;
        _logger = loggerFactory.CreateLogger<JobScheduler>();
        _delivery = new JobDelivery(_table, _persistence, sidecars, time, _logger);
        _loop = new JobTriggerLoop(_table, time, _delivery.DeliverAsync);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _table.Load(await _persistence.OpenAsync(_components, _options, _logger, cancellationToken));
            _logger.LogInformation("Job scheduler started with {Count} job(s) from {Store}", _table.Count, _persistence.Description);
            foreach (var sidecar in _sidecars.All)
            {
                var appId = sidecar.AppId;
                sidecar.AppChannel.BecameReachable += _ =>
                {
                    _delivery.Release(appId);
                    return Task.CompletedTask;
                };
            }

            _loop.Start();
            _started.TrySetResult();
        }
        catch (Exception ex)
        {
            _started.TrySetException(ex);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _loop.StopAsync();

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as an IRuntimeService, so the container may dispose it twice.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_loop.IsStopping)
        {
            await _loop.StopAsync();
        }

        await _persistence.DisposeAsync();
        _loop.Dispose();
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Adds or (with <paramref name="overwrite"/>) replaces a job; an existing one otherwise is AlreadyExists.</summary>
    public async Task ScheduleAsync(JobDefinition definition, bool overwrite, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        var entry = JobEntry.Start(definition);
        await _persistence.ExclusiveAsync(async store =>
        {
            if (!overwrite && _table.Contains(entry.Key))
            {
                throw JobErrors.AlreadyExists(definition.Name);
            }

            try
            {
                await store.SaveAsync(JobSerializer.ToStored(entry), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw JobErrors.ScheduleFailed(ex);
            }

            _table.Set(entry);
        }, cancellationToken);

        LoggerFor(definition.AppId).LogInformation(
            "Job scheduled: {AppId}/{Name} (schedule {Schedule}, dueTime {DueTime}, repeats {Repeats}, ttl {Ttl}), first trigger {NextDue:O}",
            definition.AppId, definition.Name, definition.Schedule ?? "-", definition.DueTime ?? "-", definition.Repeats?.ToString() ?? "-",
            definition.Ttl ?? "-", entry.NextDue);
    }

    public async Task<JobDefinition?> GetAsync(string appId, string name, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        return _table.Get(appId, name);
    }

    public async Task<IReadOnlyList<JobDefinition>> ListAsync(string appId, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        return _table.List(appId);
    }

    /// <summary>True while a due trigger waits for its app to become reachable (for diagnostics and tests).</summary>
    internal bool IsHeld(string appId, string name) => _table.IsHeld(appId, name);

    /// <summary>Deletes a job; deleting a job that does not exist succeeds, as in etcd.</summary>
    public Task DeleteAsync(string appId, string name, CancellationToken cancellationToken) =>
        DeleteWhereAsync(appId, n => n == name, cancellationToken);

    public Task DeleteByPrefixAsync(string appId, string prefix, CancellationToken cancellationToken) =>
        DeleteWhereAsync(appId, n => n.StartsWith(prefix, StringComparison.Ordinal), cancellationToken);

    private async Task DeleteWhereAsync(string appId, Func<string, bool> matches, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        await _persistence.ExclusiveAsync(async store =>
        {
            foreach (var key in _table.RemoveWhere(appId, matches))
            {
                try
                {
                    await store.DeleteAsync(key.AppId, key.Name, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw JobErrors.DeleteFailed(ex);
                }

                LoggerFor(appId).LogInformation("Job deleted: {AppId}/{Name}", key.AppId, key.Name);
            }
        }, cancellationToken);
    }

    private ILogger LoggerFor(string appId) => _sidecars.Find(appId)?.Logger ?? _logger;
}
