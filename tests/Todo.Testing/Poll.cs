using System.Diagnostics;

namespace Todo.Testing;

/// <summary>
/// Waits for a state no event announces (a TTL running out, a sidecar noticing an open port, a row being deleted):
/// checks on an interval and, at a deadline generous enough for a shared machine, fails with a message naming what was
/// awaited and, for value polls, the last value seen. Anything that can be awaited directly should be awaited instead.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Until <paramref name="condition"/> holds; <paramref name="what"/> completes "waiting until …".</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, interval);

    /// <summary>Until <paramref name="condition"/> holds; <paramref name="what"/> completes "waiting until …".</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        PollAsync(condition, holds => holds, what, timeout, interval, reportLastValue: false);

    /// <summary>
    /// Until the value <paramref name="produce"/> returns satisfies <paramref name="accept"/>, and returns that value;
    /// on timeout the message carries the last value seen.
    /// </summary>
    public static Task<T> UntilAsync<T>(Func<Task<T>> produce, Func<T, bool> accept, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        PollAsync(produce, accept, what, timeout, interval, reportLastValue: true);

    private static async Task<T> PollAsync<T>(Func<Task<T>> produce, Func<T, bool> accept, string what, TimeSpan? timeout, TimeSpan? interval, bool reportLastValue)
    {
        var limit = timeout ?? DefaultTimeout;
        var pause = interval ?? DefaultInterval;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await produce();
            if (accept(value))
            {
                return value;
            }

            if (waited.Elapsed >= limit)
            {
                var last = reportLastValue ? $"; last value seen: {(value is null ? "null" : value.ToString())}" : "";
                throw new TimeoutException($"timed out after {limit.TotalSeconds:0.#}s waiting until {what}{last}");
            }

            await Task.Delay(pause);
        }
    }
}
