using Todo.Contracts;
using Todo.Contracts.Diagnostics;
using Todo.Contracts.Events;

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
        builder.Services.AddScoped<LiveFeed>();
        return builder;
    }

    public static void MapLiveEvents(this WebApplication app)
    {
        var pubsub = app.Configuration["Dapr:SubscriptionPubSub"] ?? DaprNames.PubSub;

        app.MapPost("/events/task-events", async (TaskChanged change, LiveEventNotifier notifier) =>
        {
            await notifier.PublishAsync(change);
            return TypedResults.Ok();
        }).WithTopic(pubsub, DaprNames.TaskEventsTopic).ExcludeFromDescription();

        app.MapPost("/events/reminders", async (ReminderDue reminder, LiveEventNotifier notifier) =>
        {
            await notifier.PublishAsync(reminder);
            return TypedResults.Ok();
        }).WithTopic(pubsub, DaprNames.RemindersTopic).ExcludeFromDescription();

        // The walking skeleton's ping stays as a smoke test of publish → subscribe for the AppHost.
        app.MapPost("/events/diagnostics", (PingSent ping, LiveEventNotifier notifier) =>
        {
            notifier.Publish(ping);
            return TypedResults.Ok();
        }).WithTopic(pubsub, DaprNames.DiagnosticsTopic).ExcludeFromDescription();

        // Read-only view of what arrived, for the AppHost smoke test and operators.
        app.MapGet("/diagnostics/pings", (LiveEventNotifier notifier) => TypedResults.Ok(notifier.RecentPings));

        app.MapHub<NotificationsHub>(NotificationsHub.Path);
    }
}
