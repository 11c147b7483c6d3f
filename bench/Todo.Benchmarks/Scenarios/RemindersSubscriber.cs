using System.Collections.Concurrent;
using System.Net;
using Dapr;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.ServiceDefaults.Dapr;
using Todo.ServiceDefaults.Telemetry;
using Todo.Web.Features.Live;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// Stands in for todo-web in the <c>reminders</c> scenario: the same subscription declaration as todo-web's
/// <c>/events/reminders</c> (<see cref="TopicDelivery.MapTopic"/> on <c>pubsub-web</c>, dead-letter topic
/// <c>reminders-deadletter</c>, app token, CloudEvents unwrapped), with a handler that costs
/// <see cref="CostPerMessage"/> after noting when the message arrived (the instant a toast would be pushed).
/// The real handler is not hosted: todo-web is a Blazor Server app whose start-up needs a backend, auth and circuits,
/// and its handler costs a SignalR push, not 40 ms; its queueing is: with per-user lanes the 40 ms run in todo-web's
/// own <see cref="ReminderLanes"/>, the class its handler queues toasts in. A second subscription, to the dead-letter
/// topic, is the bench's observer of what landed there.
/// </summary>
internal sealed class RemindersSubscriber : IAsyncDisposable
{
    public static readonly TimeSpan CostPerMessage = TimeSpan.FromMilliseconds(40);
    public const string WebPubSub = "pubsub-web";

    private readonly WebApplication _app;

    private RemindersSubscriber(WebApplication app, int port, Inbox inbox)
    {
        _app = app;
        Port = port;
        Received = inbox;
    }

    public int Port { get; }

    public Inbox Received { get; }

    /// <param name="appToken">APP_API_TOKEN shared with the sidecar.</param>
    /// <param name="poison">The event that always fails (answers RETRY), once known.</param>
    /// <param name="perUserLanes">
    /// todo-web's handler since docs/decisions/0015: answer SUCCESS at once and run each message's 40 ms in its user's
    /// lane (<see cref="ReminderLanes"/>: one after another per user, users in parallel), so a partition waits for no
    /// one; a full lane answers RETRY. Without it, the handler before: the 40 ms inside the delivery.
    /// </param>
    public static async Task<RemindersSubscriber> StartAsync(string appToken, RemindersRun.PoisonHolder poison, bool perUserLanes = false)
    {
        var inbox = new Inbox();
        var lanes = new ReminderLanes(NullLogger<ReminderLanes>.Instance);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["APP_API_TOKEN"] = appToken;
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<TopicMetrics>();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseSidecarOnlyRoutes();
        app.UseCloudEvents();
        app.MapSubscribeHandler().RequireDaprAppToken();
        app.MapTopic<ReminderDue>("/events/reminders", WebPubSub, DaprNames.RemindersTopic, DaprNames.RemindersDeadLetterTopic,
            async (reminder, context) =>
            {
                var at = DateTimeOffset.UtcNow;
                // pubsub.kafka puts the record's partition on the delivery (__partition, consumer.go GetEventMetadata).
                var partition = int.TryParse(context.Request.Headers["__partition"], out var p) ? p : -1;
                var offset = long.TryParse(context.Request.Headers["__offset"], out var o) ? o : -1;
                if (reminder.EventId == poison.EventId)
                {
                    inbox.PoisonAttempt(at, partition);
                    return TopicOutcome.Retry;
                }

                if (perUserLanes)
                {
                    // The toast goes out when its lane gets to it: that is its arrival.
                    var queued = lanes.TryEnqueue(reminder.UserId, async () =>
                    {
                        inbox.Add(reminder, DateTimeOffset.UtcNow, partition, offset);
                        await Task.Delay(CostPerMessage);
                    });
                    return queued ? TopicOutcome.Success : TopicOutcome.Retry;
                }

                inbox.Add(reminder, at, partition, offset);
                await Task.Delay(CostPerMessage);
                return TopicOutcome.Success;
            });
        app.MapPost("/bench/reminders-deadletter", (ReminderDue reminder) =>
            {
                inbox.DeadLettered(reminder, DateTimeOffset.UtcNow);
                return Results.Ok();
            })
            .WithTopic(WebPubSub, DaprNames.RemindersDeadLetterTopic)
            .RequireDaprAppToken();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RemindersSubscriber(app, new Uri(address).Port, inbox);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Every arrival in order, per event id, plus the poison message's attempts and the dead-letter topic.</summary>
    internal sealed class Inbox
    {
        private readonly ConcurrentQueue<Arrival> _arrivals = new();
        private readonly ConcurrentQueue<(ReminderDue Reminder, DateTimeOffset At)> _deadLetters = new();
        private readonly ConcurrentQueue<(DateTimeOffset At, int Partition)> _poisonAttempts = new();

        public IReadOnlyList<Arrival> Arrivals => [.. _arrivals];

        public IReadOnlyList<(ReminderDue Reminder, DateTimeOffset At)> DeadLetters => [.. _deadLetters];

        public IReadOnlyList<(DateTimeOffset At, int Partition)> PoisonAttempts => [.. _poisonAttempts];

        public void Add(ReminderDue reminder, DateTimeOffset at, int partition, long offset) =>
            _arrivals.Enqueue(new Arrival(reminder, at, partition, offset));

        public void PoisonAttempt(DateTimeOffset at, int partition) => _poisonAttempts.Enqueue((at, partition));

        public void DeadLettered(ReminderDue reminder, DateTimeOffset at) => _deadLetters.Enqueue((reminder, at));
    }

    /// <summary>One successful delivery: what, when, from which partition of the topic and at which offset.</summary>
    internal sealed record Arrival(ReminderDue Reminder, DateTimeOffset At, int Partition, long Offset);
}
