using Dapr.Client;
using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Events;
using Todo.Backend.Features.Projects;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.ServiceDefaults.Dapr;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// <c>POST /job/{name}</c>: the Dapr runtime calls it when a reminder job is due. The task is read again, so a stale
/// trigger (task completed, deleted, or its reminder moved) is acknowledged and ignored; otherwise a
/// <c>com.todo.reminder.due</c> event goes to the reminders topic with an id made of the task and the instant, so a
/// redelivered trigger produces the same event id and subscribers drop the duplicate. A stale trigger of an open task
/// whose reminder is still ahead re-makes the job at the current instant: the job it replaces was the only one, so a
/// missed or failed schedule (or a time-zone change not yet reconciled) heals here at the latest.
/// </summary>
internal static class ReminderEndpoints
{
    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSidecarHttpClient<ReminderJobs>();
        builder.Services.AddSingleton<JobsApiRoute>();
        builder.Services.AddSingleton<ReminderMetrics>();
        builder.Services.AddSingleton<IReminderTaskSource, StoredReminderTasks>();
        builder.Services.AddSingleton<ReminderSync>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderSync>());
        builder.Services.AddSingleton<ReminderResyncQueue>();
        builder.Services.AddSingleton<ReminderReconciler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderReconciler>());
        return builder;
    }

    public static void MapReminderJobs(this WebApplication app) =>
        app.MapPost("/job/{name}", HandleAsync).RequireDaprAppToken().ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        string name, HttpRequest request, TaskStore store, AccountStore accounts, ProjectTaskAccess access, DaprClient dapr, ReminderMetrics metrics, ReminderSync sync, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ReminderEndpoints));
        var body = await JsonBody.ReadAsync<ReminderJobData>(request, cancellationToken);
        if (!name.StartsWith(ReminderJobs.JobPrefix, StringComparison.Ordinal) || body.Value is not { } data || ReminderJobs.JobName(data.TaskId) != name)
        {
            // Not one of ours: 404 tells the runtime not to retry.
            logger.LogWarning("Ignoring job trigger {Job}: not a reminder job of this app", name);
            return TypedResults.NotFound();
        }

        // One read of each, side by side: the task says whether the trigger is still current, the account gives the
        // time zone its relative or date-only reminder is counted in.
        var taskRead = store.GetAsync(data.UserId, data.TaskId, cancellationToken);
        var accountRead = accounts.FindAsync(data.UserId, cancellationToken);
        await Task.WhenAll(taskRead, accountRead);
        var (task, _) = await taskRead;
        var user = await accountRead;
        AccountRules.TryFindTimeZone(user?.TimeZone ?? "UTC", out var zone);
        if (!ReminderInstant.IsCurrent(task, zone, data.RemindAt))
        {
            logger.LogInformation("Stale reminder trigger for task {TaskId} ignored", data.TaskId);
            if (task is not null && user is not null)
            {
                // This trigger's job is gone now; if the task still has a reminder ahead, it needs a job at that instant.
                await sync.EnsureAsync(task.Id, async t => (await store.GetAsync(data.UserId, data.TaskId, t)).Task, zone, cancellationToken);
            }

            return TypedResults.Ok();
        }

        var eventId = $"reminder-{task.Id}-{data.RemindAt.ToUnixTimeSeconds()}";
        // In a shared project the toast goes to the task's assignee, else its creator, while they still have access.
        var recipient = await access.ReminderRecipientAsync(task, cancellationToken);
        var due = new ReminderDue(eventId, recipient, task.Id, task.Title, TaskTimes.DueAt(task.Due, zone), data.RemindAt);
        await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.RemindersTopic, due,
            TaskEventPublisher.Metadata(eventId, ReminderDue.EventType, task.UserId), cancellationToken);
        metrics.Fired(time.GetUtcNow() - data.RemindAt);
        logger.LogInformation("Reminder for task {TaskId} published as {EventId}", task.Id, eventId);
        return TypedResults.Ok();
    }
}
