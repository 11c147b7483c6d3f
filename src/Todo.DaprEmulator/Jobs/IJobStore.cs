namespace Todo.DaprEmulator.Jobs;

/// <summary>Where jobs live between emulator runs: a table <c>dapr_jobs</c> keyed by app id and job name.</summary>
internal interface IJobStore : IAsyncDisposable
{
    /// <summary>A name for log lines (e.g. <c>sqlite:/path/state.db</c>).</summary>
    string Description { get; }

    Task InitializeAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredJob>> LoadAllAsync(CancellationToken cancellationToken);

    Task SaveAsync(StoredJob job, CancellationToken cancellationToken);

    Task DeleteAsync(string appId, string name, CancellationToken cancellationToken);
}

/// <summary>One row of <c>dapr_jobs</c>: the job and its progress as JSON, plus the next due time for humans and queries.</summary>
internal sealed record StoredJob(string AppId, string Name, string Definition, DateTimeOffset? NextDue, DateTimeOffset Created);
