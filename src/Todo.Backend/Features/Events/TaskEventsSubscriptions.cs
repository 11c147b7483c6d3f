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

        // task-events → next occurrence of completed repeating tasks.
        app.MapTopic<TaskChanged>("/events/task-events", DaprNames.PubSub, DaprNames.TaskEventsTopic, DaprNames.TaskEventsDeadLetterTopic,
            (change, context) => context.RequestServices.GetRequiredService<RecurrenceSubscriber>().HandleAsync(change, context.RequestAborted));
    }
}
