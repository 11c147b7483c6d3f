using Todo.Contracts.Events;

namespace Todo.Web.Features.Live;

/// <summary>Something that wants one user's live events: a circuit (see <see cref="LiveFeed"/>).</summary>
public interface ILiveListener
{
    Task OnTaskChangedAsync(TaskChanged change);

    Task OnReminderAsync(ReminderDue reminder);
}
