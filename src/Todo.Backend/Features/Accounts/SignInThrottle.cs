using Microsoft.Extensions.Caching.Memory;

namespace Todo.Backend.Features.Accounts;

/// <summary>
/// Counts failed sign-ins per username: after <see cref="MaxFailures"/> failures within the window, further attempts
/// are refused until it ends. Kept in memory per replica: it slows guessing, it is not an audit log.
/// </summary>
internal sealed class SignInThrottle(IMemoryCache cache, TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>When the lockout ends, or null if the username may try.</summary>
    public DateTimeOffset? LockedUntil(string username) =>
        cache.TryGetValue(Key(username), out Failures? failures) && failures!.Count >= MaxFailures && failures.Until > time.GetUtcNow()
            ? failures.Until
            : null;

    public void RecordFailure(string username)
    {
        var now = time.GetUtcNow();
        var failures = cache.TryGetValue(Key(username), out Failures? existing) && existing!.Until > now
            ? existing with { Count = existing.Count + 1 }
            : new Failures(1, now + Window);
        cache.Set(Key(username), failures, failures.Until);
    }

    public void Reset(string username) => cache.Remove(Key(username));

    private static string Key(string username) => $"sign-in-failures:{username}";

    private sealed record Failures(int Count, DateTimeOffset Until);
}
