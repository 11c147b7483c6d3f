namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// daprd's topic scoping for a pub/sub component (pkg/runtime/pubsub): <c>allowedTopics</c> limits every app,
/// <c>publishingScopes</c>/<c>subscriptionScopes</c> (<c>app1=t1,t2;app2=t3</c>) limit the listed apps, and
/// <c>protectedTopics</c> are usable only by apps that list them in their scope. <c>app1=</c> means "no topic".
/// </summary>
internal sealed class TopicScopes
{
    private readonly IReadOnlyList<string> _allowed;
    private readonly IReadOnlyList<string> _protected;
    private readonly string? _publishing;
    private readonly string? _subscription;

    public TopicScopes(Func<string, string?> metadata)
    {
        _allowed = List(metadata("allowedTopics"));
        _protected = List(metadata("protectedTopics"));
        _publishing = metadata("publishingScopes");
        _subscription = metadata("subscriptionScopes");
    }

    public static TopicScopes None { get; } = new(_ => null);

    public bool CanPublish(string appId, string topic) => IsAllowed(topic, ScopedTopics(_publishing, appId));

    public bool CanSubscribe(string appId, string topic) => IsAllowed(topic, ScopedTopics(_subscription, appId));

    private bool IsAllowed(string topic, List<string> scoped)
    {
        if (_allowed.Count > 0 && !_allowed.Contains(topic))
        {
            return false;
        }

        if (scoped.Count > 0)
        {
            return scoped.Contains(topic);
        }

        return !_protected.Contains(topic);
    }

    // Mirrors GetScopedTopics: spaces removed, entries for other apps ignored, "app=" yields one empty topic.
    private static List<string> ScopedTopics(string? scopes, string appId)
    {
        var topics = new List<string>();
        if (string.IsNullOrEmpty(scopes))
        {
            return topics;
        }

        foreach (var entry in scopes.Replace(" ", "", StringComparison.Ordinal).Split(';'))
        {
            var parts = entry.Split('=');
            if (parts[0] != appId || parts.Length < 2)
            {
                continue;
            }

            foreach (var topic in parts[1].Split(','))
            {
                if (!topics.Contains(topic))
                {
                    topics.Add(topic);
                }
            }
        }

        return topics;
    }

    private static List<string> List(string? value) =>
        string.IsNullOrEmpty(value)
            ? []
            : value.Replace(" ", "", StringComparison.Ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
}
