using Todo.Backend.Features.Activity;
using Todo.Backend.Features.Recurrence;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.ServiceDefaults.Dapr;

namespace Todo.Backend.Features.Events;

/// <summary>The backend's topic subscriptions, all in one place: topic → handler.</summary>
internal static class TaskEventsSubscriptions
{
    public static WebApplicationBuilder AddTaskEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TaskEventPublisher>();
        builder.Services.AddSingleton<RecurrenceSubscriber>();
        return builder;
    }

    public static void MapTaskEventSubscriptions(this WebApplication app)
    {
        // Only the runtime may call /dapr/subscribe: it lists the routes it would deliver to.
        app.MapSubscribeHandler().RequireDaprAppToken();

        // task-events → a project's activity, then the next occurrence of completed repeating tasks. One route per
        // topic (a subscription names one route); both steps are idempotent, so a retry of the pair repeats neither.
        app.MapTopic<TaskChanged>("/events/task-events", DaprNames.PubSub, DaprNames.TaskEventsTopic, DaprNames.TaskEventsDeadLetterTopic,
            async (change, context) =>
            {
                var recorded = await context.RequestServices.GetRequiredService<ActivityRecorder>().HandleAsync(change, context.RequestAborted);
                return recorded == TopicOutcome.Retry
                    ? recorded
                    : await context.RequestServices.GetRequiredService<RecurrenceSubscriber>().HandleAsync(change, context.RequestAborted);
            });

        // project-events → who shared a project with whom, who was removed, who left, in the project's activity.
        app.MapTopic<ProjectChanged>("/events/project-events", DaprNames.PubSub, DaprNames.ProjectEventsTopic, DaprNames.ProjectEventsDeadLetterTopic,
            (change, context) => context.RequestServices.GetRequiredService<ActivityRecorder>().HandleAsync(change, context.RequestAborted));
    }
}
