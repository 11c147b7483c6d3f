using System.Diagnostics.Metrics;
using Todo.ServiceDefaults.Dapr;

namespace Todo.ServiceDefaults.Telemetry;

/// <summary>
/// <c>todo.events.handled</c>: every topic delivery an app answered, by topic and outcome (success, drop, retry). A
/// drop or a retry that runs out goes to the topic's dead-letter topic, so drops and retries are what to alert on.
/// </summary>
public sealed class TopicMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _handled = meters.Create(TelemetryExtensions.MeterPrefix + "Events")
        .CreateCounter<long>("todo.events.handled", description: "Topic deliveries answered, by topic and outcome");

    public void Handled(string topic, TopicOutcome outcome) =>
        _handled.Add(1, new("topic", topic), new("outcome", outcome.ToString().ToLowerInvariant()));
}
