namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// What the runtime needs from a pub/sub component: publish bytes to a topic and join a consumer group on a topic.
/// Envelopes, routing and the app channel are the runtime's business, as in daprd.
/// </summary>
internal interface IPubSubBroker
{
    string Name { get; }

    /// <summary>Topic scoping metadata of the component (publishingScopes, subscriptionScopes, allowedTopics, protectedTopics).</summary>
    TopicScopes Scopes { get; }

    /// <summary>The consumer group an app joins, from <c>consumerGroup</c>/<c>consumerID</c> or else the app id.</summary>
    string ConsumerGroupFor(string appId, string? @namespace);

    ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Adds a member to a consumer group of a topic; dispose the result to leave the group.</summary>
    IDisposable Subscribe(string topic, string consumerGroup, ITopicSubscriber subscriber);
}

/// <summary>A message as the broker stores it: the bytes the publisher's sidecar produced and the publish metadata.</summary>
internal sealed record BrokerMessage(string Topic, ReadOnlyMemory<byte> Data, IReadOnlyDictionary<string, string> Metadata);

/// <summary>A consumer group member: one app's subscription to one topic.</summary>
internal interface ITopicSubscriber
{
    string AppId { get; }

    /// <summary>The dead-letter topic on the same pub/sub, or null.</summary>
    string? DeadLetterTopic { get; }

    Task<DeliveryOutcome> DeliverAsync(BrokerMessage message, CancellationToken cancellationToken);
}

internal enum DeliveryOutcome
{
    /// <summary>Acknowledged.</summary>
    Success,

    /// <summary>Try again after a back-off (RETRY, unknown status, non-2xx other than 404, connection error).</summary>
    Retry,

    /// <summary>Not to be retried (DROP, 404, no matching route, expired): goes to the dead-letter topic if there is one.</summary>
    Drop,
}
