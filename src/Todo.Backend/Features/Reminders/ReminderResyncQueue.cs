using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// The durable list of users whose reminder jobs must be re-made (one state key, <see cref="Key"/>): a user goes in
/// before their time zone is saved, or after a job call failed, and comes out once <see cref="ReminderReconciler"/>
/// has re-made every job of theirs. Each entry carries a fresh token, so a user marked again while a pass runs stays
/// listed for the next pass.
/// </summary>
/// <remarks>
/// One key for everyone, written only by time-zone changes and scheduler outages (rare), so it is small and read in
/// one call: the reconciler never scans all users. Writes are ETag-guarded with <see cref="OptimisticRetry"/>.
/// </remarks>
internal sealed class ReminderResyncQueue(DaprClient dapr)
{
    // One key for all users, never one per user: an idle pass reads exactly this key.
    public const string Key = StateKeys.ReminderResync;

    /// <summary>Marks users; returns false only when the store kept refusing (lost races).</summary>
    public async Task<bool> AddAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return true;
        }

        return await ChangeAsync(pending =>
        {
            foreach (var userId in userIds)
            {
                pending[userId] = Guid.NewGuid().ToString("N");
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>Every marked user with the token of their mark.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellationToken) =>
        (await dapr.GetStateAsync<Dictionary<string, string>?>(DaprNames.StateStore, Key, cancellationToken: cancellationToken)) ?? [];

    /// <summary>Unmarks a user, unless they were marked again since <paramref name="token"/> was read.</summary>
    public Task<bool> RemoveAsync(string userId, string token, CancellationToken cancellationToken) =>
        ChangeAsync(pending => pending.TryGetValue(userId, out var current) && current == token && pending.Remove(userId), cancellationToken);

    private async Task<bool> ChangeAsync(Func<Dictionary<string, string>, bool> change, CancellationToken cancellationToken)
    {
        var done = await OptimisticRetry.RunAsync<bool>(async _ =>
        {
            var (pending, etag) = await dapr.GetStateAndETagAsync<Dictionary<string, string>?>(DaprNames.StateStore, Key, cancellationToken: cancellationToken);
            pending ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (!change(pending))
            {
                return true;
            }

            // Without an ETag (a new key) the save is first-write, so two replicas creating it cannot both win.
            var options = string.IsNullOrEmpty(etag) ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null;
            return await dapr.TrySaveStateAsync(DaprNames.StateStore, Key, pending, etag ?? "", options, cancellationToken: cancellationToken)
                ? true
                : null;
        }, cancellationToken);
        return done is true;
    }
}
