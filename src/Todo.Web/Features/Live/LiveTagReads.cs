using System.Collections.Concurrent;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Live;

/// <summary>
/// One <c>GET /api/tags</c> per user and task event, shared by all the user's tabs. A tab that cannot work out the
/// new tag counts from the event alone (it never saw the task before the change) asks here; the notifier calls the
/// tabs one after another, so the first read is kept for a while and every later tab takes its answer, with the
/// time it was read (a tab must know which later events the answer may already count).
/// </summary>
public sealed class LiveTagReads(BackendClient backend, TimeProvider time)
{
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Lazy<Task<TagRead>> Read)> _reads = new(StringComparer.Ordinal);

    /// <summary>The user's tags as they are after the event <paramref name="eventId"/> (or later).</summary>
    public async Task<TagRead> AfterAsync(SignedInUser user, string eventId)
    {
        var now = time.GetUtcNow();
        Prune(now);
        var key = $"{user.UserId}\n{eventId}";
        var entry = _reads.GetOrAdd(key, _ => (now, new Lazy<Task<TagRead>>(() => ReadAsync(user))));
        try
        {
            return await entry.Read.Value;
        }
        catch
        {
            // A failed read is not shared: the next tab tries again.
            _reads.TryRemove(new KeyValuePair<string, (DateTimeOffset, Lazy<Task<TagRead>>)>(key, entry));
            throw;
        }
    }

    private async Task<TagRead> ReadAsync(SignedInUser user)
    {
        var started = time.GetUtcNow();
        var tags = await backend.ListTagsAsync(user);
        return new TagRead(tags, started, time.GetUtcNow());
    }

    private void Prune(DateTimeOffset now)
    {
        if (_reads.Count < 256)
        {
            return;
        }

        foreach (var (key, entry) in _reads)
        {
            if (now - entry.At > Kept)
            {
                _reads.TryRemove(key, out _);
            }
        }
    }
}

/// <summary>An answer of <c>GET /api/tags</c> and when it was asked and answered (this app's clock).</summary>
public sealed record TagRead(IReadOnlyList<TagCount> Tags, DateTimeOffset Asked, DateTimeOffset Answered);
