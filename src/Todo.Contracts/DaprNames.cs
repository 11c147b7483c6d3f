namespace Todo.Contracts;

/// <summary>
/// Every Dapr name the apps use: app ids, component names and topics. Handlers never spell these out themselves,
/// so the names in <c>dapr-components/</c>, <c>dapr.yaml</c> and the Helm charts can be checked against one place.
/// </summary>
public static class DaprNames
{
    /// <summary>App id of the Blazor front end.</summary>
    public const string WebAppId = "todo-web";

    /// <summary>App id of the API, MCP and job-callback service.</summary>
    public const string BackendAppId = "todo-backend";

    /// <summary>State store component holding tasks, accounts, tokens and conversations.</summary>
    public const string StateStore = "statestore";

    /// <summary>Pub/sub component carrying task, project and reminder events.</summary>
    public const string PubSub = "pubsub";

    /// <summary>Secret store component holding the token signing key and optional LLM key.</summary>
    public const string SecretStore = "secretstore";

    /// <summary>Topic for task lifecycle events (created, updated, completed, reopened, deleted).</summary>
    public const string TaskEventsTopic = "task-events";

    /// <summary>Topic for project and membership events (created, renamed, shared, removed, deleted…), ADR 0011.</summary>
    public const string ProjectEventsTopic = "project-events";

    /// <summary>Topic for reminder-due events.</summary>
    public const string RemindersTopic = "reminders";

    /// <summary>
    /// Topic of the walking skeleton's ping event, which proves the publish → subscribe → toast path end to end.
    /// The AppHost smoke test still uses it because it needs no account.
    /// </summary>
    public const string DiagnosticsTopic = "diagnostics";

    /// <summary>
    /// Dead-letter topics, one per topic: a delivery that fails for good is parked here instead of blocking its
    /// partition (pubsub.kafka retries inline) or being lost (pubsub.in-memory only logs). Every one must exist on the
    /// broker: Kafka consumes all topics of a component in one consumer, so one missing topic stalls the others.
    /// </summary>
    public const string TaskEventsDeadLetterTopic = "task-events-deadletter";

    /// <inheritdoc cref="TaskEventsDeadLetterTopic"/>
    public const string ProjectEventsDeadLetterTopic = "project-events-deadletter";

    /// <inheritdoc cref="TaskEventsDeadLetterTopic"/>
    public const string RemindersDeadLetterTopic = "reminders-deadletter";

    /// <inheritdoc cref="TaskEventsDeadLetterTopic"/>
    public const string DiagnosticsDeadLetterTopic = "diagnostics-deadletter";
}
