using Dapr;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Recurrence;
using Todo.Contracts;
using Todo.Contracts.Events;

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
        // task-events → next occurrence of completed repeating tasks.
        app.MapPost("/events/task-events", (TaskChanged change, RecurrenceSubscriber subscriber, CancellationToken cancellationToken) =>
                subscriber.HandleAsync(change, cancellationToken))
            .WithTopic(DaprNames.PubSub, DaprNames.TaskEventsTopic)
            .RequireDaprAppToken()
            .ExcludeFromDescription();
    }
}
