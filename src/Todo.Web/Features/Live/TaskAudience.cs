using Todo.Contracts.Events;

namespace Todo.Web.Features.Live;

/// <summary>
/// Who a task change is shown to (ADR 0011, step 2): everyone the backend names in the event's audience, the project's
/// owner and members, and always the owner. Events from before sharing have no audience and reach the owner alone.
/// todo-web takes the audience only from the backend's event, never from a browser.
/// </summary>
public static class TaskAudience
{
    /// <summary>At most this many users per event: a project's owner and its 50 members, with room to spare.</summary>
    public const int MaxRecipients = 64;

    public static IReadOnlyList<string> Of(TaskChanged change) =>
        change.Audience.Prepend(change.UserId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Take(MaxRecipients).ToList();
}
