using System.Globalization;
using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Accounts;

/// <summary>
/// Counts failed sign-ins per username: after <see cref="MaxFailures"/> failures within the window, further attempts
/// are refused until it ends. The count is one state key per username (ETag-guarded, with a TTL of the window), not
/// replica memory: with the failures counted per replica, a guesser spread over N replicas by the load balancer got
/// N × <see cref="MaxFailures"/> tries (docs/decisions/0015). It slows guessing, it is not an audit log.
/// </summary>
internal sealed class SignInThrottle(DaprClient dapr, TimeProvider time, ILogger<SignInThrottle> logger)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>When the lockout ends, or null if the username may try.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string username, CancellationToken cancellationToken)
    {
        var failures = await dapr.GetStateAsync<Failures?>(DaprNames.StateStore, StateKeys.SignInFailures(username), cancellationToken: cancellationToken);
        return failures is { Count: >= MaxFailures } && failures.Until > time.GetUtcNow() ? failures.Until : null;
    }

    public async Task RecordFailureAsync(string username, CancellationToken cancellationToken)
    {
        var key = StateKeys.SignInFailures(username);
        var counted = await OptimisticRetry.RunAsync<bool>(async _ =>
        {
            var now = time.GetUtcNow();
            var (existing, etag) = await dapr.GetStateAndETagAsync<Failures?>(DaprNames.StateStore, key, cancellationToken: cancellationToken);
            var failures = existing is not null && existing.Until > now
                ? existing with { Count = existing.Count + 1 }
                : new Failures(1, now + Window);
            // The store forgets the key when the window ends (ttlInSeconds, honoured by Dapr's state stores that
            // support TTL); Until is checked as well, for stores that keep it.
            var ttl = new Dictionary<string, string>
            {
                ["ttlInSeconds"] = Math.Max(1, (int)Math.Ceiling((failures.Until - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            };
            var options = string.IsNullOrEmpty(etag) ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null;
            return await dapr.TrySaveStateAsync(DaprNames.StateStore, key, failures, etag ?? "", options, ttl, cancellationToken) ? true : null;
        }, cancellationToken);
        if (counted is null)
        {
            // Only when many wrong passwords for one username race each other: at least one of them was counted.
            logger.LogWarning("A failed sign-in could not be counted after repeated conflicts");
        }
    }

    public Task ResetAsync(string username, CancellationToken cancellationToken) =>
        dapr.DeleteStateAsync(DaprNames.StateStore, StateKeys.SignInFailures(username), cancellationToken: cancellationToken);

    private sealed record Failures(int Count, DateTimeOffset Until);
}
