namespace Todo.DaprEmulator.Metadata;

/// <summary>A subscription as the metadata API reports it.</summary>
public sealed record SubscriptionInfo(
    string PubSubName,
    string Topic,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<Components.RouteRule> Rules,
    string? DeadLetterTopic,
    string Type);
