namespace Todo.Testing.Fuzz;

/// <summary>Every route of both apps that a client (or an attacker on the pod network) can call, with seed bodies.</summary>
public static class FuzzCatalog
{
    private const string Task = """{"title":"Buy milk","notes":"2%","priority":"high","tags":["home"],"due":{"date":"2030-01-02","time":"09:30"},"reminder":{"minutesBefore":10},"recurrence":{"frequency":"weekly","interval":1,"days":["monday"]}}""";

    /// <summary>Routes only the Dapr sidecar may call: they need the app token.</summary>
    public static IReadOnlyList<FuzzRoute> BackendSidecarOnly { get; } =
    [
        new("POST", "events/task-events", FuzzBody.Event, FuzzAuth.AppToken, TaskChanged),
        new("POST", "events/project-events", FuzzBody.Event, FuzzAuth.AppToken, ProjectChanged),
        // A job named after one of the user's tasks with that task's data reaches the task lookup.
        new("POST", "job/reminder-{task}", FuzzBody.Json, FuzzAuth.AppToken, c => $$"""{"userId":"{{c.UserId}}","taskId":"{{(c.TaskIds.Count > 0 ? c.TaskIds[0] : "t")}}","remindAt":"2030-01-02T09:20:00+00:00"}"""),
        new("POST", "job/{any}", FuzzBody.Json, FuzzAuth.AppToken, c => $$"""{"userId":"{{c.UserId}}","taskId":"t","remindAt":"2030-01-02T09:20:00Z"}"""),
    ];

    /// <summary>todo-web's topic handlers (sidecar only).</summary>
    public static IReadOnlyList<FuzzRoute> WebSidecarOnly { get; } =
    [
        new("POST", "events/task-events", FuzzBody.Event, FuzzAuth.AppToken, TaskChanged),
        new("POST", "events/reminders", FuzzBody.Event, FuzzAuth.AppToken,
            c => $$"""{"eventId":"reminder-x-1","userId":"{{c.UserId}}","taskId":"t","title":"Call mom","dueAt":null,"remindAt":"2030-01-02T09:20:00Z"}"""),
        new("POST", "events/diagnostics", FuzzBody.Event, FuzzAuth.AppToken, _ => """{"message":"ping","sentAt":"2030-01-02T09:20:00Z"}"""),
        new("POST", "events/project-events", FuzzBody.Event, FuzzAuth.AppToken, ProjectChanged),
    ];

    /// <summary>todo-backend's REST API, <c>/mcp</c> and its sidecar-only routes (topic handler, job callback, discovery).</summary>
    public static IReadOnlyList<FuzzRoute> Backend { get; } =
    [
        new("POST", "api/accounts/register", FuzzBody.Json, FuzzAuth.None, _ => """{"username":"fuzzer","password":"correct horse battery","displayName":"F","timeZone":"Europe/Berlin"}"""),
        new("POST", "api/accounts/sign-in", FuzzBody.Json, FuzzAuth.None, _ => """{"username":"fuzzer","password":"correct horse battery"}"""),
        new("GET", "api/me", FuzzBody.None, FuzzAuth.User),
        new("PUT", "api/me", FuzzBody.Json, FuzzAuth.User, _ => """{"displayName":"Fuzz","timeZone":"UTC","defaultReminderMinutes":15}"""),
        new("GET", "api/tasks", FuzzBody.None, FuzzAuth.User),
        new("POST", "api/tasks", FuzzBody.Json, FuzzAuth.User, _ => Task),
        new("GET", "api/tasks/{task}", FuzzBody.None, FuzzAuth.User),
        new("PATCH", "api/tasks/{task}", FuzzBody.Json, FuzzAuth.User, _ => """{"title":"Renamed","priority":null,"due":{"date":"2030-03-04"}}"""),
        new("POST", "api/tasks/{task}/complete", FuzzBody.None, FuzzAuth.User),
        new("POST", "api/tasks/{task}/reopen", FuzzBody.None, FuzzAuth.User),
        new("POST", "api/tasks/{task}/snooze", FuzzBody.Json, FuzzAuth.User, _ => """{"minutes":10}"""),
        new("GET", "api/tags", FuzzBody.None, FuzzAuth.User),
        new("GET", "api/tokens", FuzzBody.None, FuzzAuth.User),
        new("POST", "api/tokens", FuzzBody.Json, FuzzAuth.User, _ => """{"name":"fuzz client"}"""),
        new("DELETE", "api/tokens/{any}", FuzzBody.None, FuzzAuth.User),
        new("GET", "api/hello", FuzzBody.None, FuzzAuth.None),
        new("POST", "api/ping", FuzzBody.Json, FuzzAuth.None, _ => """{"message":"hi"}"""),
        new("POST", "api/chat", FuzzBody.Json, FuzzAuth.User, _ => """{"conversationId":null,"message":"remind me to call mom tomorrow at 5pm"}"""),
        new("GET", "api/chat/conversations", FuzzBody.None, FuzzAuth.User),
        new("GET", "api/chat/conversations/{any}", FuzzBody.None, FuzzAuth.User),
        new("DELETE", "api/chat/conversations/{any}", FuzzBody.None, FuzzAuth.User),
        new("POST", "mcp", FuzzBody.JsonRpc, FuzzAuth.AccessToken),
        new("GET", "api/export", FuzzBody.None, FuzzAuth.User),
        new("POST", "api/import", FuzzBody.Json, FuzzAuth.User,
            _ => """{"format":"todo-export","version":1,"exportedAt":"2030-01-01T00:00:00Z","projects":[],"tasks":[{"id":"a","projectId":"inbox","project":"Inbox","title":"Imported","priority":"high","tags":[],"completed":false,"createdAt":"2030-01-01T00:00:00Z"}]}"""),
        new("GET", "api/calendar-feed", FuzzBody.None, FuzzAuth.User),
        new("POST", "api/calendar-feed", FuzzBody.None, FuzzAuth.User),
        new("GET", "api/calendar-feed/events", FuzzBody.None, FuzzAuth.None),
        new("DELETE", "api/calendar-feed", FuzzBody.None, FuzzAuth.User),
        // Last of the user's routes: it removes the tasks the others work on.
        new("DELETE", "api/tasks/{task}", FuzzBody.None, FuzzAuth.User),
        .. BackendSidecarOnly,
    ];

    /// <summary>todo-web's POST routes: the account forms and its topic handlers.</summary>
    public static IReadOnlyList<FuzzRoute> Web { get; } =
    [
        new("POST", "account/sign-in", FuzzBody.Form, FuzzAuth.Antiforgery, _ => """{"username":"fuzzer","password":"correct horse battery","returnUrl":"/"}"""),
        new("POST", "account/register", FuzzBody.Form, FuzzAuth.Antiforgery, _ => """{"username":"fuzzer","password":"correct horse battery","displayName":"F","timeZone":"UTC"}"""),
        new("POST", "account/sign-out", FuzzBody.Form, FuzzAuth.Antiforgery, _ => "{}"),
        .. WebSidecarOnly,
    ];

    /// <summary>A task as the API returns it, for stacks without a backend user to read one from.</summary>
    public const string SampleTask = """{"id":"t1","title":"Buy milk","priority":"none","tags":[],"completed":false,"createdAt":"2030-01-01T00:00:00Z","updatedAt":"2030-01-01T00:00:00Z","etag":"1"}""";

    // A project of the user's own is not known here: the handlers must answer a made-up one without a 5xx either way.
    private static string ProjectChanged(FuzzContext context) =>
        $$"""{"eventId":"p-v2-memberadded-{{Guid.NewGuid():N}}","type":"com.todo.project.memberadded","ownerId":"{{context.UserId}}","projectId":"0123456789abcdef0123456789abcdef","name":"Trip","occurredAt":"2030-01-02T09:20:00Z","audience":["{{context.UserId}}"],"memberId":"{{context.UserId}}","role":"editor"}""";

    private static string TaskChanged(FuzzContext context) =>
        $$"""{"eventId":"evt-{{Guid.NewGuid():N}}","type":"com.todo.task.completed","userId":"{{context.UserId}}","task":{{context.SampleTaskJson}},"occurredAt":"2030-01-02T09:20:00Z"}""";
}
