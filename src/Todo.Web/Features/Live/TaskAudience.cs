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

    public static IReadOnlyList<string> Of(TaskChanged change) => Of(change.UserId, change.Audience);

    /// <summary>
    /// Who a project change is shown to: the owner and everyone the backend names (the members before and after the
    /// change, so a removed member's tabs learn it), bounded as task changes are.
    /// </summary>
    public static IReadOnlyList<string> Of(ProjectChanged change) => Of(change.OwnerId, change.Audience ?? []);

    private static IReadOnlyList<string> Of(string owner, IReadOnlyList<string> audience) =>
        audience.Prepend(owner).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Take(MaxRecipients).ToList();
}
