using Todo.Contracts.Events;

namespace Todo.Web.Features.Reminders;

/// <summary>What the reminder toast's buttons do (the layout wires them to the backend and navigation).</summary>
public sealed record ReminderActions(
    Func<ReminderDue, Task> CompleteAsync,
    Func<ReminderDue, Task> SnoozeAsync,
    Func<ReminderDue, Task> OpenAsync);
