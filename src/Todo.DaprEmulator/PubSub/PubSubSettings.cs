using System.Globalization;
using System.Text.RegularExpressions;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// Component metadata of <c>pubsub.in-memory</c> in this emulator (daprd's in-memory bus has none of these; they are
/// modelled on pubsub.kafka so that local runs behave like production):
/// <list type="bullet">
/// <item><c>consumerGroup</c>, else <c>consumerID</c>: the consumer group an app joins; default the app id. Template
/// tags <c>{appID}</c>, <c>{uuid}</c>, <c>{podName}</c> (env POD_NAME, required when used), <c>{namespace}</c>
/// (<c>namespace.appId</c>).</item>
/// <item><c>maxDeliveryAttempts</c> (default 5): deliveries of one message to a group before it goes to the
/// subscription's dead-letter topic, or is dropped with a warning.</item>
/// <item><c>retryInitialInterval</c> (default 200ms) and <c>retryMaxInterval</c> (default 5s): exponential back-off
/// between attempts. Durations as Go writes them (<c>250ms</c>, <c>2s</c>, <c>1m</c>) or plain milliseconds.</item>
/// <item><c>allowedTopics</c>, <c>protectedTopics</c>, <c>publishingScopes</c>, <c>subscriptionScopes</c>: as daprd.</item>
/// </list>
/// </summary>
internal sealed partial record PubSubSettings(
    string? ConsumerGroupTemplate,
    int MaxDeliveryAttempts,
    TimeSpan RetryInitialInterval,
    TimeSpan RetryMaxInterval,
    TopicScopes Scopes)
{
    public static PubSubSettings From(ComponentInitContext context)
    {
        var template = context.Get("consumerGroup") ?? context.Get("consumerID");
        if (template is not null && template.Contains("{podName}", StringComparison.Ordinal)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME")))
        {
            throw ComponentLoadException.For(context.Definition,
                "metadata uses {podName} but the environment variable POD_NAME is not set");
        }

        var attempts = 5;
        if (context.Get("maxDeliveryAttempts") is { } attemptsText
            && (!int.TryParse(attemptsText, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts < 1))
        {
            throw ComponentLoadException.For(context.Definition, $"metadata 'maxDeliveryAttempts' must be a positive integer, got '{attemptsText}'");
        }

        var initial = Duration(context, "retryInitialInterval", TimeSpan.FromMilliseconds(200));
        var max = Duration(context, "retryMaxInterval", TimeSpan.FromSeconds(5));
        return new PubSubSettings(template, attempts, initial, max < initial ? initial : max, new TopicScopes(context.Get));
    }

    /// <summary>The back-off before attempt <paramref name="nextAttempt"/> (2, 3, ...): doubling, capped.</summary>
    public TimeSpan BackoffBefore(int nextAttempt)
    {
        var factor = Math.Pow(2, Math.Min(nextAttempt - 2, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryInitialInterval.Ticks * factor, RetryMaxInterval.Ticks));
        return delay;
    }

    public string ConsumerGroupFor(string appId, string? @namespace)
    {
        if (ConsumerGroupTemplate is null)
        {
            return appId;
        }

        // {uuid} is a new value per occurrence, as daprd's template expansion does.
        var group = ConsumerGroupTemplate
            .Replace("{appID}", appId, StringComparison.Ordinal)
            .Replace("{podName}", Environment.GetEnvironmentVariable("POD_NAME") ?? "", StringComparison.Ordinal)
            .Replace("{namespace}", $"{@namespace ?? "default"}.{appId}", StringComparison.Ordinal);
        return UuidTag().Replace(group, _ => Guid.NewGuid().ToString());
    }

    private static TimeSpan Duration(ComponentInitContext context, string name, TimeSpan fallback)
    {
        if (context.Get(name) is not { } text)
        {
            return fallback;
        }

        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            throw ComponentLoadException.For(context.Definition, $"metadata '{name}' must be a duration such as 200ms, 2s or 1m, got '{text}'");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "" or "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromHours(value),
        };
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h)?$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\{uuid\}")]
    private static partial Regex UuidTag();
}
