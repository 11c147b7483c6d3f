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

    /// <summary>
    /// The consumer group a sidecar joins, from <c>consumerGroup</c>/<c>consumerID</c> (expanded with its app id,
    /// namespace and pod name) or else the app id.
    /// </summary>
    string ConsumerGroupFor(string appId, string? @namespace, string? podName);

    ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Adds a member to a consumer group of a topic; dispose the result to leave the group.</summary>
    IDisposable Subscribe(string topic, string consumerGroup, ITopicSubscriber subscriber);
}

/// <summary>
/// A component with contrib's <c>FeatureBulkPublish</c> (pubsub.kafka; pubsub.in-memory has not): daprd hands it the
/// whole bulk request (pkg/runtime/pubsub/publisher/publisher.go BulkPublish: <c>ps.Component.(pubsub.BulkPublisher)</c>)
/// instead of publishing entry by entry (default_bulkpub.go); see <see cref="BulkPublisher"/>.
/// </summary>
internal interface IBulkPublishingBroker : IPubSubBroker
{
    /// <summary>One attempt: the entries the component failed and the error it returned, if any.</summary>
    ValueTask<BulkPublisher.AttemptResult> BulkPublishAsync(string topic, IReadOnlyList<BulkPublisher.ComponentEntry> entries, CancellationToken cancellationToken);
}

/// <summary>
/// A message as the component hands it to the runtime: the bytes the publisher's sidecar produced and the message
/// metadata (for in-memory the publish metadata; for Kafka the record's headers plus <c>__key</c>, <c>__offset</c>, ...).
/// daprd adds the metadata to the HTTP delivery as headers (postman/http/http.go WithCustomHTTPMetadata) when
/// <paramref name="MetadataAsHeaders"/> is set (both components set it).
/// </summary>
internal sealed record BrokerMessage(string Topic, ReadOnlyMemory<byte> Data, IReadOnlyDictionary<string, string> Metadata, bool MetadataAsHeaders = false);

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

    /// <summary>
    /// A failure daprd returns to the component (RETRY, unknown status, non-2xx other than 404, connection error, a body
    /// that is not a CloudEvent, a routing error), unless a dead-letter topic takes the message.
    /// </summary>
    Retry,

    /// <summary>Not to be retried (DROP, 404): goes to the dead-letter topic if there is one, else acknowledged.</summary>
    Drop,

    /// <summary>
    /// Expired or no route matched: acknowledged; a copy goes to the dead-letter topic if there is one, and a failure
    /// to publish that copy is ignored (subscription.go: <c>_ = s.sendToDeadLetter(...)</c>).
    /// </summary>
    Skipped,
}
