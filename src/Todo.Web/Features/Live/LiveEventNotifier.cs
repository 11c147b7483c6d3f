using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Todo.Contracts.Diagnostics;
using Todo.Contracts.Events;

namespace Todo.Web.Features.Live;

/// <summary>
/// The bridge from Dapr subscriptions (HTTP requests from the sidecar) to the open circuits and hub connections of
/// one user. Deliveries are at-least-once, so events are de-duplicated by their deterministic event id. An event goes
/// only to listeners registered under its own user id; nobody else ever sees it.
/// </summary>
public sealed class LiveEventNotifier(IHubContext<NotificationsHub> hub, TimeProvider time, ILogger<LiveEventNotifier> logger)
{
    private const int KeptPings = 20;
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(30);
    private readonly ConcurrentQueue<PingSent> _recentPings = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableList<ILiveListener>> _listeners = new(StringComparer.Ordinal);

    /// <summary>The latest pings, newest last (diagnostics and the AppHost smoke test).</summary>
    public IReadOnlyList<PingSent> RecentPings => _recentPings.ToArray();

    /// <summary>How many listeners (circuits) a user has open.</summary>
    public int ListenerCount(string userId) => _listeners.TryGetValue(userId, out var list) ? list.Count : 0;

    /// <summary>Registers a listener for <paramref name="userId"/>; dispose the result to unregister.</summary>
    public IDisposable Register(string userId, ILiveListener listener)
    {
        _listeners.AddOrUpdate(userId, _ => [listener], (_, list) => list.Add(listener));
        return new Registration(() => _listeners.AddOrUpdate(userId, _ => [], (_, list) => list.Remove(listener)));
    }

    public void Publish(PingSent ping)
    {
        _recentPings.Enqueue(ping);
        while (_recentPings.Count > KeptPings && _recentPings.TryDequeue(out _))
        {
        }
    }

    /// <summary>Pushes a task change to the owner's circuits; false when it was a duplicate delivery.</summary>
    public async Task<bool> PublishAsync(TaskChanged change)
    {
        if (!IsAddressed(change.EventId, change.UserId) || !FirstTime(change.EventId))
        {
            return false;
        }

        await ForEachListenerAsync(change.UserId, listener => listener.OnTaskChangedAsync(change));
        return true;
    }

    /// <summary>Pushes a due reminder to the owner's circuits and hub connections; false when it was a duplicate.</summary>
    public async Task<bool> PublishAsync(ReminderDue reminder)
    {
        if (!IsAddressed(reminder.EventId, reminder.UserId) || !FirstTime(reminder.EventId))
        {
            return false;
        }

        await ForEachListenerAsync(reminder.UserId, listener => listener.OnReminderAsync(reminder));
        await hub.Clients.Group(NotificationsHub.GroupFor(reminder.UserId)).SendAsync(NotificationsHub.ReminderMethod, reminder);
        return true;
    }

    // A delivery without an event id or a user (malformed or forged JSON) can reach nobody: drop it, never throw.
    private static bool IsAddressed(string? eventId, string? userId) => !string.IsNullOrEmpty(eventId) && !string.IsNullOrEmpty(userId);

    private bool FirstTime(string eventId)
    {
        var now = time.GetUtcNow();
        if (_seen.Count > 10_000)
        {
            foreach (var (id, at) in _seen)
            {
                if (now - at > DuplicateWindow)
                {
                    _seen.TryRemove(id, out _);
                }
            }
        }

        return _seen.TryAdd(eventId, now);
    }

    private async Task ForEachListenerAsync(string userId, Func<ILiveListener, Task> send)
    {
        if (!_listeners.TryGetValue(userId, out var listeners))
        {
            return;
        }

        foreach (var listener in listeners)
        {
            try
            {
                await send(listener);
            }
            catch (Exception ex)
            {
                // One broken circuit must not stop the others (or make the sidecar redeliver to everyone).
                logger.LogWarning(ex, "A live listener of user {UserId} failed", userId);
            }
        }
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
