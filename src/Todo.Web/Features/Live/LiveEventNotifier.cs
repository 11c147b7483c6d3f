using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Todo.Contracts.Events;

namespace Todo.Web.Features.Live;

/// <summary>
/// The bridge from Dapr subscriptions (HTTP requests from the sidecar) to the open circuits and hub connections of
/// one user, in the shape of eShop's OrderStatusNotificationService: a circuit subscribes a callback under its user id
/// and disposes the subscription when it closes. Deliveries are at-least-once, so events are de-duplicated by their
/// deterministic event id. A task change goes only to the callbacks and hub groups of the users its event names (the
/// owner and the members of a shared project, <see cref="TaskAudience"/>); a reminder only to its one recipient.
/// </summary>
public sealed class LiveEventNotifier(IHubContext<NotificationsHub> hub, TimeProvider time, ILogger<LiveEventNotifier> logger)
{
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(30);

    // The app's own source (the tracer listens to the application name): one span per circuit an event is pushed to,
    // the last hop of a trace that began with a browser action somewhere else.
    private static readonly ActivitySource Source = new(typeof(LiveEventNotifier).Assembly.GetName().Name!);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Subscribers<TaskChanged> _taskChanges = new();
    private readonly Subscribers<ReminderDue> _reminders = new();
    private readonly Subscribers<ProjectChanged> _projectChanges = new();

    /// <summary>How many subscriptions the circuits of a user hold.</summary>
    public int SubscriptionCount(string userId) => _taskChanges.Count(userId) + _reminders.Count(userId) + _projectChanges.Count(userId);

    /// <summary>
    /// Calls <paramref name="onTaskChanged"/> for every change to the tasks of <paramref name="userId"/>; dispose the
    /// result to stop. The callback runs on the delivery thread: components marshal with InvokeAsync.
    /// </summary>
    public IDisposable Subscribe(string userId, Func<TaskChanged, Task> onTaskChanged) => _taskChanges.Add(userId, onTaskChanged);

    /// <summary>Calls <paramref name="onReminder"/> for every due reminder of <paramref name="userId"/>; dispose the result to stop.</summary>
    public IDisposable Subscribe(string userId, Func<ReminderDue, Task> onReminder) => _reminders.Add(userId, onReminder);

    /// <summary>
    /// Calls <paramref name="onProjectChanged"/> for every change of a project <paramref name="userId"/> sees or saw
    /// (created, renamed, shared with them, removed, deleted…); dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(string userId, Func<ProjectChanged, Task> onProjectChanged) => _projectChanges.Add(userId, onProjectChanged);

    /// <summary>
    /// Pushes a project change to the circuits and hub groups of everyone it concerns (<see cref="TaskAudience.Of(ProjectChanged)"/>);
    /// false when it was a duplicate delivery.
    /// </summary>
    public Task<bool> PublishAsync(ProjectChanged change) =>
        FanOutAsync(_projectChanges, change, change.EventId, change.OwnerId, () => TaskAudience.Of(change), NotificationsHub.ProjectChangedMethod);

    /// <summary>
    /// Pushes a task change to the circuits and hub groups of everyone who sees the task's project; false when it was
    /// a duplicate delivery.
    /// </summary>
    public Task<bool> PublishAsync(TaskChanged change) =>
        FanOutAsync(_taskChanges, change, change.EventId, change.UserId, () => TaskAudience.Of(change), NotificationsHub.TaskChangedMethod);

    /// <summary>Pushes a due reminder to the owner's circuits and hub connections; false when it was a duplicate.</summary>
    public async Task<bool> PublishAsync(ReminderDue reminder)
    {
        if (!IsAddressed(reminder.EventId, reminder.UserId) || !FirstTime(reminder.EventId))
        {
            return false;
        }

        await NotifyAsync(_reminders, reminder.UserId, reminder, reminder.EventId);
        await hub.Clients.Group(NotificationsHub.GroupFor(reminder.UserId)).SendAsync(NotificationsHub.ReminderMethod, reminder);
        return true;
    }

    // Every user the event names gets it on their circuits and their hub group, once per event id.
    private async Task<bool> FanOutAsync<T>(Subscribers<T> subscribers, T change, string eventId, string ownerId,
        Func<IReadOnlyList<string>> audience, string hubMethod)
    {
        if (!IsAddressed(eventId, ownerId) || !FirstTime(eventId))
        {
            return false;
        }

        foreach (var userId in audience())
        {
            await NotifyAsync(subscribers, userId, change, eventId);
            await hub.Clients.Group(NotificationsHub.GroupFor(userId)).SendAsync(hubMethod, change);
        }

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

    private async Task NotifyAsync<T>(Subscribers<T> subscribers, string userId, T value, string eventId)
    {
        var subscriber = 0;
        foreach (var callback in subscribers.Of(userId))
        {
            using var push = Source.StartActivity($"live push {typeof(T).Name}", ActivityKind.Internal);
            push?.SetTag("todo.event.id", eventId);
            push?.SetTag("todo.live.subscriber", subscriber++);
            try
            {
                await callback(value);
            }
            catch (Exception ex)
            {
                push?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                // One broken circuit must not stop the others (or make the sidecar redeliver to everyone).
                logger.LogWarning(ex, "A live subscriber of user {UserId} failed", userId);
            }
        }
    }

    /// <summary>The callbacks for one event type, by user id.</summary>
    private sealed class Subscribers<T>
    {
        private readonly ConcurrentDictionary<string, ImmutableList<Subscription>> _byUser = new(StringComparer.Ordinal);

        public int Count(string userId) => _byUser.TryGetValue(userId, out var list) ? list.Count : 0;

        public IEnumerable<Func<T, Task>> Of(string userId) =>
            _byUser.TryGetValue(userId, out var list) ? list.Select(s => s.Callback) : [];

        public IDisposable Add(string userId, Func<T, Task> callback)
        {
            var subscription = new Subscription(callback, s => _byUser.AddOrUpdate(userId, _ => [], (_, list) => list.Remove(s)));
            _byUser.AddOrUpdate(userId, _ => [subscription], (_, list) => list.Add(subscription));
            return subscription;
        }

        // A class, not a record: two subscriptions of the same callback are still two (removed one at a time).
        private sealed class Subscription(Func<T, Task> callback, Action<Subscription> remove) : IDisposable
        {
            private int _disposed;

            public Func<T, Task> Callback => callback;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    remove(this);
                }
            }
        }
    }
}
