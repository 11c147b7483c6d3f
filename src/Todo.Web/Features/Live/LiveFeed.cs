using Todo.Contracts.Events;

namespace Todo.Web.Features.Live;

/// <summary>
/// This circuit's live events (scoped: one per circuit). The layout starts it for the signed-in user; pages listen to
/// <see cref="TaskChanged"/>, the layout to <see cref="ReminderDue"/>. Handlers run on the delivery thread: components
/// marshal with InvokeAsync.
/// </summary>
public sealed class LiveFeed(LiveEventNotifier notifier) : ILiveListener, IDisposable
{
    private IDisposable? _registration;

    public event Func<TaskChanged, Task>? TaskChanged;

    public event Func<ReminderDue, Task>? ReminderDue;

    public void Start(string userId) => _registration ??= notifier.Register(userId, this);

    public Task OnTaskChangedAsync(TaskChanged change) => RaiseAsync(TaskChanged, change);

    public Task OnReminderAsync(ReminderDue reminder) => RaiseAsync(ReminderDue, reminder);

    public void Dispose() => _registration?.Dispose();

    private static async Task RaiseAsync<T>(Func<T, Task>? handlers, T value)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Func<T, Task>>() ?? [])
        {
            await handler(value);
        }
    }
}
