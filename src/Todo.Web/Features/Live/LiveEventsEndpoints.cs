using Todo.Contracts;
using Todo.Contracts.Diagnostics;
using Todo.Contracts.Events;
using Todo.ServiceDefaults.Dapr;

namespace Todo.Web.Features.Live;

/// <summary>
/// The web's topic subscriptions, all in one place. The pub/sub component name is configurable
/// (<c>Dapr:SubscriptionPubSub</c>) because in Kubernetes the web subscribes through a per-replica component so every
/// replica sees every event; locally it is <see cref="DaprNames.PubSub"/>.
/// </summary>
internal static class LiveEventsEndpoints
{
    public static WebApplicationBuilder AddLiveEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<LiveEventNotifier>();
        builder.Services.AddSingleton<RecentPings>();
        builder.Services.AddSingleton<LiveTagReads>();
        builder.Services.AddSingleton<ReminderLanes>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderLanes>());
        return builder;
    }

    public static void MapLiveEvents(this WebApplication app)
    {
        var pubsub = app.Configuration["Dapr:SubscriptionPubSub"] ?? DaprNames.PubSub;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LiveEventsEndpoints));

        // Only the runtime may call /dapr/subscribe: it lists the routes it would deliver to.
        app.MapSubscribeHandler().RequireDaprAppToken();

        app.MapTopic<TaskChanged>("/events/task-events", pubsub, DaprNames.TaskEventsTopic, DaprNames.TaskEventsDeadLetterTopic,
            async (change, context) =>
            {
                if (string.IsNullOrEmpty(change.EventId) || string.IsNullOrEmpty(change.UserId) || change.Task is null)
                {
                    return TopicDelivery.Drop(logger, DaprNames.TaskEventsTopic, "a task event without an id, user or task");
                }

                await context.RequestServices.GetRequiredService<LiveEventNotifier>().PublishAsync(change);
                return TopicOutcome.Success;
            });

        // project-events → every open tab of the members before and after the change moves its sidebar.
        app.MapTopic<ProjectChanged>("/events/project-events", pubsub, DaprNames.ProjectEventsTopic, DaprNames.ProjectEventsDeadLetterTopic,
            async (change, context) =>
            {
                if (string.IsNullOrEmpty(change.EventId) || string.IsNullOrEmpty(change.OwnerId) || string.IsNullOrEmpty(change.ProjectId)
                    || !ProjectEventTypes.All.Contains(change.Type))
                {
                    return TopicDelivery.Drop(logger, DaprNames.ProjectEventsTopic, "a project event without an id, owner, project or known type");
                }

                await context.RequestServices.GetRequiredService<LiveEventNotifier>().PublishAsync(change);
                return TopicOutcome.Success;
            });

        app.MapTopic<ReminderDue>("/events/reminders", pubsub, DaprNames.RemindersTopic, DaprNames.RemindersDeadLetterTopic,
            (reminder, context) =>
            {
                if (string.IsNullOrEmpty(reminder.EventId) || string.IsNullOrEmpty(reminder.UserId) || string.IsNullOrEmpty(reminder.TaskId))
                {
                    return Task.FromResult(TopicDelivery.Drop(logger, DaprNames.RemindersTopic, "a reminder without an id, user or task"));
                }

                // Answer at once and push in the user's lane: a partition delivers one message at a time, so waiting
                // here for one user's circuits held every user behind them (docs/decisions/0015). A full lane or a
                // stopping replica answers RETRY: the sidecar redelivers, then dead-letters, nothing is dropped silently.
                var notifier = context.RequestServices.GetRequiredService<LiveEventNotifier>();
                var queued = context.RequestServices.GetRequiredService<ReminderLanes>()
                    .TryEnqueue(reminder.UserId, () => notifier.PublishAsync(reminder));
                return Task.FromResult(queued ? TopicOutcome.Success : TopicOutcome.Retry);
            });

        // The walking skeleton's ping stays as a smoke test of publish → subscribe for the AppHost.
        app.MapTopic<PingSent>("/events/diagnostics", pubsub, DaprNames.DiagnosticsTopic, DaprNames.DiagnosticsDeadLetterTopic,
            (ping, context) =>
            {
                context.RequestServices.GetRequiredService<RecentPings>().Add(ping);
                return Task.FromResult(TopicOutcome.Success);
            });

        // Read-only view of what arrived, for the AppHost smoke test and operators.
        app.MapGet("/diagnostics/pings", (RecentPings pings) => TypedResults.Ok(pings.All));

        app.MapHub<NotificationsHub>(NotificationsHub.Path);
    }
}
