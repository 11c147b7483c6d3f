using System.Text.RegularExpressions;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// Component metadata every pub/sub of this emulator reads:
/// <list type="bullet">
/// <item><c>consumerGroup</c>, else <c>consumerID</c>: the consumer group an app joins; default the app id (daprd sets
/// <c>consumerID</c> to the app id when the component has none). Template tags <c>{appID}</c>, <c>{uuid}</c>,
/// <c>{podName}</c> (the sidecar's pod name, else env POD_NAME; required when used), <c>{namespace}</c> (<c>namespace.appId</c>).</item>
/// <item><c>allowedTopics</c>, <c>protectedTopics</c>, <c>publishingScopes</c>, <c>subscriptionScopes</c>: as daprd.</item>
/// </list>
/// Redelivery is the component's own business: <c>pubsub.in-memory</c> has none (a failed message is logged and lost,
/// components-contrib pubsub/in-memory/in-memory.go), <c>pubsub.kafka</c> follows its <c>backOff*</c> metadata
/// (<see cref="Kafka.KafkaSettings"/>).
/// </summary>
internal sealed partial record PubSubSettings(string? ConsumerGroupTemplate, TopicScopes Scopes)
{
    public static PubSubSettings From(ComponentInitContext context)
    {
        var template = context.Get("consumerGroup") ?? context.Get("consumerID");
        if (template is not null && template.Contains("{podName}", StringComparison.Ordinal) && !context.PodNamesGiven
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME")))
        {
            throw ComponentLoadException.For(context.Definition,
                "metadata uses {podName} but the environment variable POD_NAME is not set");
        }

        return new PubSubSettings(template, new TopicScopes(context.Get));
    }

    public string ConsumerGroupFor(string appId, string? @namespace, string? podName)
    {
        if (ConsumerGroupTemplate is null)
        {
            return appId;
        }

        // {uuid} is a new value per occurrence, as daprd's template expansion does.
        var group = ConsumerGroupTemplate
            .Replace("{appID}", appId, StringComparison.Ordinal)
            .Replace("{podName}", podName ?? Environment.GetEnvironmentVariable("POD_NAME") ?? "", StringComparison.Ordinal)
            .Replace("{namespace}", $"{@namespace ?? "default"}.{appId}", StringComparison.Ordinal);
        return UuidTag().Replace(group, _ => Guid.NewGuid().ToString());
    }

    [GeneratedRegex(@"\{uuid\}")]
    private static partial Regex UuidTag();
}
