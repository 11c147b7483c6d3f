using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Todo.Web.Features.Accounts;

namespace Todo.Web.Features.Live;

/// <summary>
/// Reminder and task-change events for non-Blazor clients (cookie-authenticated). Each connection joins only its own user's group,
/// taken from the authenticated principal, so no user can listen to another's reminders.
/// </summary>
[Authorize]
public sealed class NotificationsHub : Hub
{
    public const string Path = "/hubs/notifications";
    public const string ReminderMethod = "reminder";

    /// <summary>A task the user sees changed (their own, or one in a project shared with them).</summary>
    public const string TaskChangedMethod = "taskChanged";

    /// <summary>A project the user sees (or saw until now: a removed member is told too) or its members changed.</summary>
    public const string ProjectChangedMethod = "projectChanged";

    public static string GroupFor(string userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        if (SignedInUser.From(Context.User!) is not { } user)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(user.UserId));
        await base.OnConnectedAsync();
    }
}
