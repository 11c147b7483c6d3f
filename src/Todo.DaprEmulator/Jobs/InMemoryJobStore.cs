using System.Collections.Concurrent;

namespace Todo.DaprEmulator.Jobs;

/// <summary>Used when no SQL state store is declared: jobs last as long as the emulator.</summary>
internal sealed class InMemoryJobStore : IJobStore
{
    private readonly ConcurrentDictionary<(string, string), StoredJob> _jobs = new();

    public string Description => "in-memory";

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<StoredJob>> LoadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredJob>>(_jobs.Values.ToList());

    public Task SaveAsync(StoredJob job, CancellationToken cancellationToken)
    {
        _jobs[(job.AppId, job.Name)] = job;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string appId, string name, CancellationToken cancellationToken)
    {
        _jobs.TryRemove((appId, name), out _);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
