using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Activity;

/// <summary>
/// A project's activity in the state store: one key per project, newest first and bounded, so reading it is one small
/// read however long the project lives. Written under its ETag (first-write when new); a lost race is retried.
/// </summary>
internal sealed class ActivityStore(DaprClient dapr)
{
    /// <summary>How many changes a project remembers (about 40 KB of JSON at most).</summary>
    public const int MaxEntries = 200;

    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    public async Task<IReadOnlyList<ActivityEntry>> ReadAsync(string projectId, CancellationToken cancellationToken) =>
        (await dapr.GetStateAsync<ActivityLog?>(DaprNames.StateStore, StateKeys.ProjectActivity(projectId), cancellationToken: cancellationToken))?.Entries ?? [];

    /// <summary>
    /// Adds <paramref name="entry"/> in time order unless an entry of the same event is there (deliveries are at least
    /// once), dropping the oldest beyond <see cref="MaxEntries"/>. False when every attempt lost a race.
    /// </summary>
    public async Task<bool> AddAsync(string projectId, ActivityEntry entry, CancellationToken cancellationToken) =>
        await OptimisticRetry.RunAsync<bool>(async _ =>
        {
            var (log, etag) = await dapr.GetStateAndETagAsync<ActivityLog?>(DaprNames.StateStore, StateKeys.ProjectActivity(projectId), cancellationToken: cancellationToken);
            var entries = log?.Entries ?? [];
            if (entries.Any(e => e.EventId == entry.EventId))
            {
                return true;
            }

            // Events of one project share a partition key (its owner), so they mostly arrive in order; a redelivery may not.
            var at = entries.FindIndex(e => e.At <= entry.At);
            entries.Insert(at < 0 ? entries.Count : at, entry);
            if (entries.Count > MaxEntries)
            {
                entries.RemoveRange(MaxEntries, entries.Count - MaxEntries);
            }

            var saved = string.IsNullOrEmpty(etag)
                ? await TryFirstWriteAsync(projectId, new ActivityLog(entries), cancellationToken)
                : await dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.ProjectActivity(projectId), new ActivityLog(entries), etag, cancellationToken: cancellationToken);
            return saved ? true : null;
        }, cancellationToken) is true;

    /// <summary>Removes a project's activity (the project was deleted).</summary>
    public Task DeleteAsync(string projectId, CancellationToken cancellationToken) =>
        dapr.DeleteStateAsync(DaprNames.StateStore, StateKeys.ProjectActivity(projectId), cancellationToken: cancellationToken);

    private async Task<bool> TryFirstWriteAsync(string projectId, ActivityLog log, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.ProjectActivity(projectId), log, FirstWrite, cancellationToken: cancellationToken);
            return true;
        }
        catch (Dapr.DaprException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another delivery wrote the first entry meanwhile: read again.
            return false;
        }
    }
}
