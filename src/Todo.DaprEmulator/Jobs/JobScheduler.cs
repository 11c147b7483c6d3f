using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// The emulator's stand-in for the Dapr Scheduler: one table of jobs keyed by app id and name, one loop that sleeps on
/// the injected <see cref="TimeProvider"/> until the earliest due job and triggers it on the owning app. Triggers never
/// fire early; a trigger for an app that is not reachable is held (not counted as a failure) until the app's channel
/// reports it reachable again, so nothing is lost while an app is down.
/// </summary>
internal sealed class JobScheduler : IRuntimeService, IAsyncDisposable
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);

    private readonly ComponentRegistry _components;
    private readonly EmulatorOptions _options;
    private readonly SidecarRegistry _sidecars;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _lock = new();
    private readonly Dictionary<(string AppId, string Name), JobEntry> _jobs = new();
    private readonly SemaphoreSlim _persistGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abortDeliveries = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _deliveries = [];
    private readonly JobTrigger _trigger;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IJobStore _store = new InMemoryJobStore();
    private Task? _loop;
    private bool _disposed;

    public JobScheduler(ComponentRegistry components, EmulatorOptions options, SidecarRegistry sidecars, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _components = components;
        _options = options;
        _sidecars = sidecars;
        _time = time;
        _logger = loggerFactory.CreateLogger<JobScheduler>();
        _trigger = new JobTrigger(_logger);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _store = JobStoreFactory.Create(_components, _options);
            IReadOnlyList<StoredJob> storedJobs;
            try
            {
                await _store.InitializeAsync(cancellationToken);
                storedJobs = await _store.LoadAllAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidOperationException($"The job store ({_store.Description}) cannot be opened: {ex.Message}", ex);
            }

            foreach (var stored in storedJobs)
            {
                try
                {
                    var entry = JobSerializer.FromStored(stored);
                    _ = entry.Definition.ParsedSchedule; // a schedule that no longer parses is reported here, not at trigger time
                    _jobs[entry.Key] = entry;
                }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
                {
                    _logger.LogWarning("Job {AppId}/{Name} in {Store} cannot be read and is skipped: {Error}", stored.AppId, stored.Name, _store.Description, ex.Message);
                }
            }

            _logger.LogInformation("Job scheduler started with {Count} job(s) from {Store}", _jobs.Count, _store.Description);
            foreach (var sidecar in _sidecars.All)
            {
                var appId = sidecar.AppId;
                sidecar.AppChannel.BecameReachable += _ =>
                {
                    Release(appId);
                    return Task.CompletedTask;
                };
            }

            _loop = Task.Run(RunAsync, CancellationToken.None);
            _started.TrySetResult();
        }
        catch (Exception ex)
        {
            _started.TrySetException(ex);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        Task[] deliveries;
        lock (_lock)
        {
            deliveries = _deliveries.ToArray();
        }

        // Triggers in flight get a grace period: one the app has answered is recorded, or a restart would repeat it.
        try
        {
            await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            await _abortDeliveries.CancelAsync();
            await Task.WhenAll(deliveries);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as an IRuntimeService, so the container may dispose it twice.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
        }

        await _store.DisposeAsync();
        _persistGate.Dispose();
        _stopping.Dispose();
        _abortDeliveries.Dispose();
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Adds or (with <paramref name="overwrite"/>) replaces a job; an existing one otherwise is AlreadyExists.</summary>
    public async Task ScheduleAsync(JobDefinition definition, bool overwrite, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        var entry = JobEntry.Start(definition);
        await _persistGate.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (!overwrite && _jobs.ContainsKey(entry.Key))
                {
                    throw JobErrors.AlreadyExists(definition.Name);
                }
            }

            try
            {
                await _store.SaveAsync(JobSerializer.ToStored(entry), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw JobErrors.ScheduleFailed(ex);
            }

            lock (_lock)
            {
                _jobs[entry.Key] = entry;
                Wake();
            }
        }
        finally
        {
            _persistGate.Release();
        }

        LoggerFor(definition.AppId).LogInformation(
            "Job scheduled: {AppId}/{Name} (schedule {Schedule}, dueTime {DueTime}, repeats {Repeats}, ttl {Ttl}), first trigger {NextDue:O}",
            definition.AppId, definition.Name, definition.Schedule ?? "-", definition.DueTime ?? "-", definition.Repeats?.ToString() ?? "-",
            definition.Ttl ?? "-", entry.NextDue);
    }

    public async Task<JobDefinition?> GetAsync(string appId, string name, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        lock (_lock)
        {
            return _jobs.TryGetValue((appId, name), out var entry) ? entry.Definition : null;
        }
    }

    public async Task<IReadOnlyList<JobDefinition>> ListAsync(string appId, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        lock (_lock)
        {
            return _jobs.Values.Where(e => e.Definition.AppId == appId).Select(e => e.Definition)
                .OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>True while a due trigger waits for its app to become reachable (for diagnostics and tests).</summary>
    internal bool IsHeld(string appId, string name)
    {
        lock (_lock)
        {
            return _jobs.TryGetValue((appId, name), out var entry) && entry.Held;
        }
    }

    /// <summary>Deletes a job; deleting a job that does not exist succeeds, as in etcd.</summary>
    public Task DeleteAsync(string appId, string name, CancellationToken cancellationToken) =>
        DeleteWhereAsync(appId, n => n == name, cancellationToken);

    public Task DeleteByPrefixAsync(string appId, string prefix, CancellationToken cancellationToken) =>
        DeleteWhereAsync(appId, n => n.StartsWith(prefix, StringComparison.Ordinal), cancellationToken);

    private async Task DeleteWhereAsync(string appId, Func<string, bool> matches, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        await _persistGate.WaitAsync(cancellationToken);
        try
        {
            List<(string AppId, string Name)> keys;
            lock (_lock)
            {
                keys = _jobs.Keys.Where(k => k.AppId == appId && matches(k.Name)).ToList();
                foreach (var key in keys)
                {
                    _jobs.Remove(key);
                }

                Wake();
            }

            foreach (var key in keys)
            {
                try
                {
                    await _store.DeleteAsync(key.AppId, key.Name, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw JobErrors.DeleteFailed(ex);
                }

                LoggerFor(appId).LogInformation("Job deleted: {AppId}/{Name}", key.AppId, key.Name);
            }
        }
        finally
        {
            _persistGate.Release();
        }
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Task wake;
            DateTimeOffset? earliest = null;
            var now = _time.GetUtcNow();
            lock (_lock)
            {
                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wake = _wake.Task;
                foreach (var entry in _jobs.Values)
                {
                    if (entry.InFlight || entry.Held || entry.NextDue is not { } due)
                    {
                        continue;
                    }

                    if (due <= now)
                    {
                        entry.InFlight = true;
                        var delivery = DeliverAsync(entry, _abortDeliveries.Token);
                        _deliveries.Add(delivery);
                        _ = delivery.ContinueWith(t => { lock (_lock) { _deliveries.Remove(t); } }, TaskScheduler.Default);
                    }
                    else if (earliest is null || due < earliest)
                    {
                        earliest = due;
                    }
                }
            }

            // Sleep until the earliest due job, or until the table changes. A timer that wakes a little early only
            // causes another pass: the check above never triggers a job before its due time.
            var sleep = earliest is { } next ? Clamp(next - now) : Timeout.InfiniteTimeSpan;
            using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(token);
            try
            {
                await Task.WhenAny(wake, Task.Delay(sleep, _time, sleeping.Token));
            }
            finally
            {
                await sleeping.CancelAsync();
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > LongestSleep ? LongestSleep : wait;

    private async Task DeliverAsync(JobEntry entry, CancellationToken token)
    {
        await Task.Yield();
        TriggerOutcome outcome;
        var sidecar = _sidecars.Find(entry.Definition.AppId);
        try
        {
            outcome = await _trigger.SendAsync(sidecar, entry, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: the tick stays due (and stored as due), so the next start delivers it: at-least-once.
            lock (_lock)
            {
                entry.InFlight = false;
            }

            return;
        }

        try
        {
            await CompleteAsync(entry, outcome, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Recording the trigger of job {AppId}/{Name} failed", entry.Definition.AppId, entry.Definition.Name);
        }

        if (outcome.Kind == TriggerOutcomeKind.Held && sidecar?.AppChannel.IsReachable == true)
        {
            // The app came back between the attempt and the hold: its BecameReachable may already have run.
            Release(entry.Definition.AppId);
        }
    }

    private async Task CompleteAsync(JobEntry entry, TriggerOutcome outcome, CancellationToken token)
    {
        var definition = entry.Definition;
        var logger = LoggerFor(definition.AppId);
        await _persistGate.WaitAsync(token);
        try
        {
            StoredJob? save = null;
            var finished = false;
            lock (_lock)
            {
                entry.InFlight = false;
                if (!_jobs.TryGetValue(entry.Key, out var current) || !ReferenceEquals(current, entry))
                {
                    return; // deleted or overwritten while the trigger was in flight
                }

                var now = _time.GetUtcNow();
                switch (outcome.Kind)
                {
                    case TriggerOutcomeKind.Held:
                        entry.Held = true;
                        logger.LogWarning("Job trigger held: {AppId}/{Name} was due at {Due:O} but the app is not reachable ({Reason}); it fires when the app is back",
                            definition.AppId, definition.Name, entry.NextDue, outcome.Detail);
                        break;
                    case TriggerOutcomeKind.Delivered:
                        logger.LogInformation("Job triggered: {AppId}/{Name} (tick {Tick}, due {Due:O}) -> {Status}",
                            definition.AppId, definition.Name, entry.Completed + 1, entry.NextDue, outcome.Detail);
                        entry.Completed++;
                        entry.FailedAttempts = 0;
                        finished = Advance(entry, now);
                        break;
                    case TriggerOutcomeKind.Failed:
                        entry.FailedAttempts++;
                        var policy = definition.EffectiveFailurePolicy;
                        if (policy.Retries(entry.FailedAttempts))
                        {
                            entry.NextDue = now + policy.Interval;
                            logger.LogWarning("Job trigger failed: {AppId}/{Name} attempt {Attempt} ({Reason}); retrying at {Retry:O}",
                                definition.AppId, definition.Name, entry.FailedAttempts, outcome.Detail, entry.NextDue);
                        }
                        else
                        {
                            logger.LogWarning("Job trigger failed: {AppId}/{Name} attempt {Attempt} ({Reason}); failure policy exhausted, tick abandoned",
                                definition.AppId, definition.Name, entry.FailedAttempts, outcome.Detail);
                            entry.Completed++;
                            entry.FailedAttempts = 0;
                            finished = Advance(entry, now);
                        }

                        break;
                }

                if (finished)
                {
                    _jobs.Remove(entry.Key);
                }
                else
                {
                    save = JobSerializer.ToStored(entry);
                }

                Wake();
            }

            if (finished)
            {
                await _store.DeleteAsync(definition.AppId, definition.Name, token);
                logger.LogInformation("Job finished and deleted: {AppId}/{Name} after {Count} tick(s)", definition.AppId, definition.Name, entry.Completed);
            }
            else
            {
                await _store.SaveAsync(save!, token);
            }
        }
        finally
        {
            _persistGate.Release();
        }
    }

    /// <summary>Moves to the next tick; true when there is none (last repeat done, ttl passed, one-shot job).</summary>
    private static bool Advance(JobEntry entry, DateTimeOffset now)
    {
        var next = entry.Definition.NextDue(entry.TickTime, entry.Completed, now);
        if (next is not { } due)
        {
            entry.NextDue = null;
            return true;
        }

        entry.TickTime = due;
        entry.NextDue = due;
        return false;
    }

    private void Release(string appId)
    {
        lock (_lock)
        {
            var released = 0;
            foreach (var entry in _jobs.Values.Where(e => e.Held && e.Definition.AppId == appId))
            {
                entry.Held = false;
                released++;
            }

            if (released > 0)
            {
                LoggerFor(appId).LogInformation("App {AppId} is reachable: releasing {Count} held job trigger(s)", appId, released);
                Wake();
            }
        }
    }

    private void Wake() => _wake.TrySetResult();

    private ILogger LoggerFor(string appId) => _sidecars.Find(appId)?.Logger ?? _logger;
}
