namespace Todo.Backend.Infrastructure;

/// <summary>
/// Every state-store key the backend writes, in one place. The sidecar prefixes them with the app id, so they only
/// need to be unique within todo-backend. User ids and task ids are 32 lower-case hex characters.
/// </summary>
internal static class StateKeys
{
    public static string User(string userId) => $"user-{userId}";

    public static string Username(string username) => $"username-{username}";

    public static string Task(string userId, string taskId) => $"task-{userId}-{taskId}";

    public static string TaskIndex(string userId) => $"tasks-{userId}";

    /// <summary>Page <paramref name="page"/> (from 0, oldest first) of a user's completed task ids.</summary>
    public static string TaskArchivePage(string userId, int page) => $"tasks-done-{userId}-{page}";

    /// <summary>A project's record: owner, name, colour, members (ADR 0011).</summary>
    public static string Project(string projectId) => $"project-{projectId}";

    /// <summary>The ordered ids of the projects in a user's sidebar (ADR 0011).</summary>
    public static string ProjectList(string userId) => $"projects-{userId}";

    /// <summary>A project's task index (the Inbox's is <see cref="TaskIndex"/>).</summary>
    public static string ProjectTaskIndex(string projectId) => $"ptasks-{projectId}";

    /// <summary>Page <paramref name="page"/> of a project's completed task ids.</summary>
    public static string ProjectArchivePage(string projectId, int page) => $"ptasks-done-{projectId}-{page}";

    /// <summary>A project's recent activity, newest first and bounded (Features/Activity).</summary>
    public static string ProjectActivity(string projectId) => $"activity-{projectId}";

    /// <summary>The answer to a create sent with an idempotency key (hashed: keys are the client's free text).</summary>
    public static string IdempotentCreate(string userId, string keyHash) => $"idem-{userId}-{keyHash}";

    /// <summary>Failed sign-ins of a username within the lockout window (SignInThrottle).</summary>
    public static string SignInFailures(string username) => $"sign-in-failures-{username}";

    public static string AccessToken(string tokenHash) => $"pat-{tokenHash}";

    public static string AccessTokenIndex(string userId) => $"pats-{userId}";

    /// <summary>A calendar feed token's hash → its owner (DataTransfer).</summary>
    public static string CalendarFeedToken(string tokenHash) => $"ical-{tokenHash}";

    /// <summary>A user's calendar feed: the hash of its token.</summary>
    public static string CalendarFeed(string userId) => $"icals-{userId}";

    /// <summary>The report of a finished import, kept for a day so a repeat answers it again (hashed: ids are the client's text).</summary>
    public static string ImportReport(string userId, string importIdHash) => $"import-{userId}-{importIdHash}";

    public static string Conversation(string userId, string conversationId) => $"chat-{userId}-{conversationId}";

    public static string ConversationIndex(string userId) => $"chats-{userId}";

    /// <summary>The users whose reminder jobs must be re-made (see ReminderResyncQueue).</summary>
    public const string ReminderResync = "reminder-resync";
}
