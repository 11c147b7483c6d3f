using System.Text.Json;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Todo.Contracts;
using Todo.ServiceDefaults.Telemetry;

namespace Todo.ServiceDefaults.Dapr;

/// <summary>What a topic handler tells the runtime about one delivery.</summary>
public enum TopicOutcome
{
    /// <summary>Handled (or a duplicate): commit it.</summary>
    Success,

    /// <summary>Can never succeed (malformed, unknown type, unknown user): drop it, never redeliver.</summary>
    Drop,

    /// <summary>A transient fault: redeliver, and after the component's retries park it in the dead-letter topic.</summary>
    Retry,
}

/// <summary>
/// Maps topic handlers the same way in both apps: each subscription declares its dead-letter topic, only the Dapr
/// runtime may call it, and the answer is daprd's status body (<c>{"status":"SUCCESS"|"DROP"|"RETRY"}</c> with 200),
/// so one bad message is dropped at once instead of being retried inline, blocking its Kafka partition.
/// </summary>
/// <remarks>
/// daprd reads the status from a 2xx body; 404 also drops, any other answer is a failure
/// (dapr/dapr pkg/runtime/subscription/postman/http/http.go). With a dead-letter topic, a DROP or a failure that
/// outlives the Resiliency retries goes there at once; without one, a failure goes back to the component, which
/// redelivers per its own settings (pkg/runtime/subscription/subscription.go).
/// A handler that throws is treated as a transient fault (RETRY), so the answer is never a 5xx.
/// </remarks>
public static class TopicDelivery
{
    /// <summary>
    /// <c>POST path</c> subscribed to <paramref name="topic"/> on <paramref name="pubsub"/>; the body (the CloudEvent's
    /// data, unwrapped by <c>UseCloudEvents</c>) is read as <typeparamref name="T"/>; a body that does not read is dropped.
    /// </summary>
    public static RouteHandlerBuilder MapTopic<T>(
        this IEndpointRouteBuilder app, string path, string pubsub, string topic, string deadLetterTopic,
        Func<T, HttpContext, Task<TopicOutcome>> handle)
        where T : class =>
        app.MapPost(path, async (HttpContext context) =>
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TopicDelivery));
                var outcome = await DeliverAsync(context, topic, handle, logger);
                context.RequestServices.GetRequiredService<TopicMetrics>().Handled(topic, outcome);
                return Results.Json(new { status = outcome.ToString().ToUpperInvariant() });
            })
            .WithTopic(new TopicOptions { PubsubName = pubsub, Name = topic, DeadLetterTopic = deadLetterTopic })
            .RequireDaprAppToken()
            .ExcludeFromDescription();

    /// <summary>Logs why a message is dropped and answers <see cref="TopicOutcome.Drop"/>.</summary>
    public static TopicOutcome Drop(ILogger logger, string topic, string why)
    {
        logger.LogWarning("Dropping a message on topic {Topic}: {Why}", topic, why);
        return TopicOutcome.Drop;
    }

    private static async Task<TopicOutcome> DeliverAsync<T>(
        HttpContext context, string topic, Func<T, HttpContext, Task<TopicOutcome>> handle, ILogger logger)
        where T : class
    {
        T? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, TodoJson.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Drop(logger, topic, $"the data is not a {typeof(T).Name} ({ex.Message})");
        }

        if (message is null)
        {
            return Drop(logger, topic, $"the data is not a {typeof(T).Name} (null)");
        }

        try
        {
            return await handle(message, context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(ex, "A message on topic {Topic} failed; asking the runtime to redeliver it", topic);
            return TopicOutcome.Retry;
        }
    }
}
