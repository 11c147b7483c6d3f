using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// The scheduler's job store: opened at start-up (jobs that no longer read are skipped with a warning), then written
/// one change at a time, so the stored rows follow the table in the order the changes were made.
/// </summary>
internal sealed class JobPersistence : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IJobStore _store = new InMemoryJobStore();

    public string Description => _store.Description;

    /// <summary>Opens the store chosen by <see cref="JobStoreFactory"/> and reads its jobs back.</summary>
    public async Task<IReadOnlyList<JobEntry>> OpenAsync(ComponentRegistry components, EmulatorOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        _store = JobStoreFactory.Create(components, options);
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

        var entries = new List<JobEntry>();
        foreach (var stored in storedJobs)
        {
            try
            {
                var entry = JobSerializer.FromStored(stored);
                _ = entry.Definition.ParsedSchedule; // a schedule that no longer parses is reported here, not at trigger time
                entries.Add(entry);
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
            {
                logger.LogWarning("Job {AppId}/{Name} in {Store} cannot be read and is skipped: {Error}", stored.AppId, stored.Name, _store.Description, ex.Message);
            }
        }

        return entries;
    }

    /// <summary>Runs a check-then-write against the table and the store with no other change in between.</summary>
    public async Task ExclusiveAsync(Func<IJobStore, Task> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await change(_store);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _gate.Dispose();
    }
}
