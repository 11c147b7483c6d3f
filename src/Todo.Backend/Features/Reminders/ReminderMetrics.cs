using System.Diagnostics.Metrics;

namespace Todo.Backend.Features.Reminders;

/// <summary>What tells whether reminders arrive on time: how late each one fires, and job calls that failed.</summary>
internal sealed class ReminderMetrics(IMeterFactory meters)
{
    private readonly Meter _meter = meters.Create("Todo.Backend.Reminders");

    private Histogram<double>? _lateness;
    private Counter<long>? _jobFailures;

    /// <summary><c>todo.reminders.lateness</c>: seconds between the reminder instant and its publication.</summary>
    public void Fired(TimeSpan late) =>
        (_lateness ??= _meter.CreateHistogram<double>("todo.reminders.lateness", unit: "s",
            description: "Seconds from a reminder's instant to its reminder-due event")).Record(Math.Max(0, late.TotalSeconds));

    /// <summary><c>todo.reminders.job_failures</c>: job calls that failed and were queued for a retry.</summary>
    public void JobFailed(string action) =>
        (_jobFailures ??= _meter.CreateCounter<long>("todo.reminders.job_failures",
            description: "Reminder job calls that failed and were queued for a retry")).Add(1, new KeyValuePair<string, object?>("action", action));
}
