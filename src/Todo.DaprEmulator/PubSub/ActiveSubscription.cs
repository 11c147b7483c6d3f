using Todo.DaprEmulator.Metadata;
using Todo.DaprEmulator.PubSub.Routing;

namespace Todo.DaprEmulator.PubSub;

/// <summary>A subscription in force for one app: where its events go and what happens to failures.</summary>
internal sealed record ActiveSubscription(
    string PubSubName,
    string Topic,
    CompiledRoutes Routes,
    IReadOnlyDictionary<string, string> Metadata,
    string? DeadLetterTopic,
    string Type)
{
    public const string Programmatic = "PROGRAMMATIC";
    public const string Declarative = "DECLARATIVE";

    /// <summary>Subscription metadata <c>rawPayload: "true"</c>: the app gets a synthesized envelope around raw bytes.</summary>
    public bool RawPayload =>
        Metadata.FirstOrDefault(kv => string.Equals(kv.Key, "rawPayload", StringComparison.OrdinalIgnoreCase)).Value is { } value
        && PubSubPublisher.ParseBool(value) == true;

    public SubscriptionInfo ToInfo() =>
        new(PubSubName, Topic, Metadata, Routes.Rules, string.IsNullOrEmpty(DeadLetterTopic) ? null : DeadLetterTopic, Type);
}
