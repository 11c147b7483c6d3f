using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Recurrence;

/// <summary>
/// Creates the next occurrence when a repeating task is completed. Events arrive at least once, so the next task's id
/// is derived from the completed task's id: a redelivered or repeated completion finds the occurrence already there.
/// </summary>
internal sealed class RecurrenceSubscriber(TaskService tasks, TaskStore store, AccountStore accounts, ILogger<RecurrenceSubscriber> logger)
{
    public async Task<IResult> HandleAsync(TaskChanged change, CancellationToken cancellationToken)
    {
        if (change.Type != TaskEventTypes.Completed || change.Task is not { Recurrence: { } rule, Due: { } due } completed)
        {
            return TypedResults.Ok();
        }

        if (await accounts.FindAsync(change.UserId, cancellationToken) is not { } account)
        {
            return TypedResults.Ok();
        }

        AccountRules.TryFindTimeZone(account.TimeZone, out var zone);
        var (stored, _) = await store.GetAsync(change.UserId, completed.Id, cancellationToken);
        var occurrence = stored?.Occurrence ?? 1;
        var completedOn = ZonedTime.Today(completed.CompletedAt ?? change.OccurredAt, zone);
        if (RecurrenceCalculator.Next(rule, due, occurrence, completedOn) is not { } nextDue)
        {
            logger.LogInformation("Task {TaskId} was the last of its series", completed.Id);
            return TypedResults.Ok();
        }

        var request = new CreateTaskRequest(completed.Title, completed.Notes, completed.Priority, completed.Tags, nextDue,
            CarryReminder(completed, zone), rule);
        var user = new UserContext(account.Id, zone, account.DefaultReminderMinutes);
        var result = await tasks.CreateOccurrenceAsync(user, request, Ids.Derived($"{completed.Id}:next"), occurrence + 1, cancellationToken);
        if (result.Error is { } error)
        {
            // A rule violation will not heal by retrying; log it and let the event go.
            logger.LogError("The next occurrence of task {TaskId} could not be created: {Error}", completed.Id, error.Message);
            return TypedResults.Ok();
        }

        logger.LogInformation("Task {TaskId} repeats as {NextId} due {Due}", completed.Id, result.Value!.Id, nextDue.Date);
        return TypedResults.Ok();
    }

    /// <summary>The reminder keeps its distance from the due time; an absolute reminder becomes that offset.</summary>
    private static ReminderDto? CarryReminder(TaskDto task, TimeZoneInfo zone) => task.Reminder switch
    {
        { MinutesBefore: not null } reminder => reminder,
        { At: { } at } when task.Due is { } due =>
            new ReminderDto(MinutesBefore: Math.Clamp((int)(ZonedTime.ToInstant(due.Date, due.Time ?? TaskTimes.DateOnlyReminderAnchor, zone) - at).TotalMinutes, 0, TaskRules.MaxReminderMinutesBefore)),
        _ => null,
    };
}
