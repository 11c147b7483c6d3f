using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Todo.ServiceDefaults.Dapr;
using Todo.Language;

namespace Todo.Backend.Features.Recurrence;

/// <summary>
/// Creates the next occurrence when a repeating task is completed. Events arrive at least once, so the next task's id
/// is derived from the completed task's id: a redelivered or repeated completion finds the occurrence already there.
/// </summary>
internal sealed class RecurrenceSubscriber(TaskService tasks, TaskStore store, AccountStore accounts, ILogger<RecurrenceSubscriber> logger)
{
    public async Task<TopicOutcome> HandleAsync(TaskChanged change, CancellationToken cancellationToken)
    {
        if (change.Type != TaskEventTypes.Completed)
        {
            return TopicOutcome.Success;
        }

        if (string.IsNullOrEmpty(change.UserId) || change.Task is not { Id.Length: > 0 } snapshot)
        {
            return TopicDelivery.Drop(logger, DaprNames.TaskEventsTopic, "a completion without a user id or task");
        }

        if (await accounts.FindAsync(change.UserId, cancellationToken) is not { } account)
        {
            return TopicDelivery.Drop(logger, DaprNames.TaskEventsTopic, $"no account {change.UserId}");
        }

        // The stored task, not the event, is the truth: the next occurrence copies what the owner saved, so an event
        // that does not match a completed repeating task of that user creates nothing.
        AccountRules.TryFindTimeZone(account.TimeZone, out var zone);
        var (stored, _) = await store.GetAsync(change.UserId, snapshot.Id, cancellationToken);
        if (stored is not { Completed: true, Recurrence: { } rule, Due: { } due } completed || completed.UserId != change.UserId)
        {
            return TopicOutcome.Success;
        }

        var completedOn = ZonedTime.Today(completed.CompletedAt ?? change.OccurredAt, zone);
        if (RecurrenceCalculator.Next(rule, due, completed.Occurrence, completedOn) is not { } nextDue)
        {
            logger.LogInformation("Task {TaskId} was the last of its series", completed.Id);
            return TopicOutcome.Success;
        }

        var request = new CreateTaskRequest(completed.Title, completed.Notes, completed.Priority, completed.Tags, nextDue,
            CarryReminder(completed.Reminder, due, zone), rule)
        {
            ProjectId = completed.ProjectId,
            AssigneeId = completed.AssigneeId,
            // The checklist repeats with the task, every step to do again (ADR 0013).
            Steps = completed.Steps.Select(s => new StepInput(s.Title)).ToList(),
        };
        var user = new UserContext(account.Id, zone, account.DefaultReminderMinutes);
        var result = await tasks.CreateOccurrenceAsync(user, request, Ids.Derived($"{completed.Id}:next"), completed.Occurrence + 1, completed.CreatedBy, cancellationToken);
        if (result.Error is { } error)
        {
            // A rule violation will not heal by retrying.
            logger.LogError("The next occurrence of task {TaskId} could not be created: {Error}", completed.Id, error.Message);
            return TopicOutcome.Drop;
        }

        logger.LogInformation("Task {TaskId} repeats as {NextId} due {Due}", completed.Id, result.Value!.Id, nextDue.Date);
        return TopicOutcome.Success;
    }

    /// <summary>The reminder keeps its distance from the due time; an absolute reminder becomes that offset.</summary>
    private static ReminderDto? CarryReminder(ReminderDto? reminder, DueDto due, TimeZoneInfo zone) => reminder switch
    {
        { MinutesBefore: not null } => reminder,
        { At: { } at } =>
            new ReminderDto(MinutesBefore: Math.Clamp((int)(ZonedTime.ToUtc(due.Date, due.Time ?? TaskTimes.DateOnlyReminderAnchor, zone) - at).TotalMinutes, 0, TaskRules.MaxReminderMinutesBefore)),
        _ => null,
    };
}
