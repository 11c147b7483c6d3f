using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.PubSub;

/// <summary>A subscription as an app or a YAML file declares it, before it is checked and compiled.</summary>
internal sealed record SubscriptionSpec(
    string PubSubName,
    string Topic,
    IReadOnlyList<RouteRule> Rules,
    string? DefaultPath,
    IReadOnlyDictionary<string, string> Metadata,
    string? DeadLetterTopic,
    string Type,
    string Origin)
{
    public static SubscriptionSpec From(SubscriptionDefinition definition) =>
        new(definition.PubSubName, definition.Topic, definition.Rules, definition.DefaultRoute, definition.Metadata,
            definition.DeadLetterTopic, ActiveSubscription.Declarative, $"{definition.SourceFile} ({definition.Name})");
}
