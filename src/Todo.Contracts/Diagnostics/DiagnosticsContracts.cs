namespace Todo.Contracts.Diagnostics;

/// <summary>What <c>GET /api/hello</c> on todo-backend answers: proof that invocation and state work.</summary>
/// <param name="Message">A greeting naming the app that served it.</param>
/// <param name="Visits">How many times the greeting was served, counted in the Dapr state store.</param>
/// <param name="ServedAt">When the backend answered (UTC).</param>
public sealed record HelloResponse(string Message, long Visits, DateTimeOffset ServedAt);

/// <summary>Event published by <c>POST /api/ping</c> on topic <see cref="DaprNames.DiagnosticsTopic"/>.</summary>
/// <param name="Message">Free text shown in the web's toast.</param>
/// <param name="SentAt">When the backend published it (UTC).</param>
public sealed record PingSent(string Message, DateTimeOffset SentAt)
{
    /// <summary>CloudEvent type of this event.</summary>
    public const string EventType = "com.todo.ping.sent";
}
