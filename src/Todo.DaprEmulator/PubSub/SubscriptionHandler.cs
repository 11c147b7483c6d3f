using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// The runtime side of a delivery, between the component and the app, as daprd's subscription handler does it
/// (dapr/dapr pkg/runtime/subscription/subscription.go, the handler passed to <c>Component.Subscribe</c>):
/// <list type="bullet">
/// <item>with a <c>deadLetterTopic</c>, a failed or DROPped delivery is published to it at once (after the inbound
/// Resiliency retries, <see cref="InboundDelivery"/>) and the component is told "success", so it moves on;</item>
/// <item>without one, a failure goes back to the component as an error (which retries or not, as the component
/// does), and a DROP / 404 is acknowledged;</item>
/// <item>an expired event or one that matches no route is acknowledged, with a copy to the dead-letter topic.</item>
/// </list>
/// </summary>
internal static class SubscriptionHandler
{
    /// <summary>Delivers one message; returns null when the component may commit it, else the error it gets.</summary>
    public static async Task<string?> HandleAsync(
        IPubSubBroker broker, ITopicSubscriber member, BrokerMessage message, ILogger logger, CancellationToken cancellationToken)
    {
        DeliveryOutcome outcome;
        try
        {
            outcome = await member.DeliverAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Pub/sub {PubSub}: delivery to {AppId} on topic {Topic} failed", broker.Name, member.AppId, message.Topic);
            outcome = DeliveryOutcome.Retry;
        }

        var deadLetterTopic = member.DeadLetterTopic is { Length: > 0 } topic ? topic : null;
        switch (outcome)
        {
            case DeliveryOutcome.Success:
                return null;
            case DeliveryOutcome.Skipped:
                if (deadLetterTopic is not null)
                {
                    await SendToDeadLetterAsync(broker, member, message, deadLetterTopic, logger, cancellationToken);
                }

                return null;
            case DeliveryOutcome.Drop:
                return deadLetterTopic is null || await SendToDeadLetterAsync(broker, member, message, deadLetterTopic, logger, cancellationToken)
                    ? null
                    : $"message dropped by {member.AppId} and not sent to dead-letter topic {deadLetterTopic}";
            default:
                return deadLetterTopic is not null && await SendToDeadLetterAsync(broker, member, message, deadLetterTopic, logger, cancellationToken)
                    ? null
                    : $"delivery of a message on topic {message.Topic} to {member.AppId} failed";
        }
    }

    // sendToDeadLetter: the message's own bytes and metadata, same pub/sub, another topic.
    private static async Task<bool> SendToDeadLetterAsync(
        IPubSubBroker broker, ITopicSubscriber member, BrokerMessage message, string deadLetterTopic, ILogger logger, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // subscription.go: a cancelled (shutting down) handler does not publish to the dead-letter topic.
            return false;
        }

        try
        {
            await broker.PublishAsync(deadLetterTopic, message.Data, message.Metadata, cancellationToken);
            logger.LogInformation("Pub/sub {PubSub}: message on topic {Topic} for {AppId} sent to dead-letter topic {DeadLetterTopic}",
                broker.Name, message.Topic, member.AppId, deadLetterTopic);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("error sending message to dead letter, origin topic: {Topic} dead letter topic {DeadLetterTopic} err: {Error}",
                message.Topic, deadLetterTopic, ex.Message);
            return false;
        }
    }
}
