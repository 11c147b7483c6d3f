namespace Todo.DaprEmulator.Components;

/// <summary>A declarative <c>Subscription</c> (dapr.io/v2alpha1, or v1alpha1 with a single route).</summary>
public sealed record SubscriptionDefinition(
    string Name,
    string PubSubName,
    string Topic,
    IReadOnlyList<RouteRule> Rules,
    string? DefaultRoute,
    IReadOnlyDictionary<string, string> Metadata,
    string? DeadLetterTopic,
    IReadOnlyList<string> Scopes,
    string SourceFile)
{
    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}

/// <summary>A routing rule: a CEL-like match over the CloudEvent and the app path it selects.</summary>
public sealed record RouteRule(string Match, string Path);
