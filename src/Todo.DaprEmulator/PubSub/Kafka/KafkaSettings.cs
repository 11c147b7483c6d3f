using System.Globalization;
using System.Text.RegularExpressions;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Resiliency;

namespace Todo.DaprEmulator.PubSub.Kafka;

/// <summary>
/// The metadata of a <c>pubsub.kafka</c> component that changes what the emulator's log does, read as
/// components-contrib reads it (common/component/kafka/metadata.go getKafkaMetadata, kafka.go Init,
/// pubsub/kafka/kafka.go NewKafka, utils.go parseInitialOffset). Connection and security settings (TLS, SASL, OIDC,
/// AWS IAM, schema registry) are validated where contrib validates them at init but otherwise unused: no broker is
/// contacted.
/// <list type="bullet">
/// <item><c>brokers</c> (required): names the cluster. Components with the same broker list share one log, as two
/// components on one Kafka cluster share its topics and consumer groups.</item>
/// <item><c>consumerGroup</c>, else <c>consumerID</c> (daprd sets it to the app id): see <see cref="PubSubSettings"/>.</item>
/// <item><c>initialOffset</c>: <c>newest</c> (default) or <c>oldest</c>, used when a group has no committed offset
/// for a partition.</item>
/// <item><c>consumeRetryEnabled</c> (default true for the pub/sub component) and <c>backOff*</c>
/// (<see cref="RetryBackOff"/>): inline redelivery inside the partition.</item>
/// <item><c>escapeHeaders</c>, <c>excludeHeaderMetaRegex</c>: header ↔ metadata mapping.</item>
/// <item>the Dapr version mode: whether <c>partitionNumber</c> picks a partition (<see cref="KafkaProducer"/>).</item>
/// <item><c>emulatorPartitions</c> (emulator only; contrib ignores unknown metadata): partitions of a topic this
/// component auto-creates. Default 1, the broker default <c>num.partitions</c>.</item>
/// </list>
/// </summary>
internal sealed record KafkaSettings(
    PubSubSettings Common,
    string Brokers,
    string ClientId,
    int Partitions,
    bool InitialOffsetOldest,
    bool ConsumeRetryEnabled,
    RetryBackOff BackOff,
    bool EscapeHeaders,
    Regex? ExcludeHeaderMetaRegex,
    bool PartitionNumberSupported)
{
    private static readonly string[] AuthTypes = ["password", "oidc", "oidc_private_key_jwt", "mtls", "none", "certificate", "awsiam"];

    public static KafkaSettings From(ComponentInitContext context)
    {
        var brokers = context.Get("brokers") ?? throw Fail(context, "kafka error: missing 'brokers' attribute");
        var authType = context.Get("authType") ?? DerivedAuthType(context)
            ?? throw Fail(context, "kafka error: 'authType' attribute was missing or empty");
        if (!AuthTypes.Contains(authType.ToLowerInvariant()))
        {
            throw Fail(context, "kafka error: invalid value for 'authType' attribute");
        }

        if (authType.Equals("password", StringComparison.OrdinalIgnoreCase))
        {
            _ = context.Get("saslUsername") ?? throw Fail(context, "kafka error: missing SASL Username for authType 'password'");
            _ = context.Get("saslPassword") ?? throw Fail(context, "kafka error: missing SASL Password for authType 'password'");
        }

        var initialOffset = context.Get("initialOffset");
        var oldest = initialOffset is null || initialOffset.Equals("newest", StringComparison.OrdinalIgnoreCase)
            ? false
            : initialOffset.Equals("oldest", StringComparison.OrdinalIgnoreCase)
                ? true
                : throw Fail(context, $"kafka error: invalid initialOffset: {initialOffset}");

        var partitions = 1;
        if (context.Get("emulatorPartitions") is { } partitionsText
            && (!int.TryParse(partitionsText, NumberStyles.None, CultureInfo.InvariantCulture, out partitions) || partitions < 1))
        {
            throw Fail(context, $"metadata 'emulatorPartitions' must be a positive whole number, got '{partitionsText}'");
        }

        RetryBackOff backOff;
        try
        {
            backOff = RetryBackOff.From(context.Metadata);
        }
        catch (FormatException ex)
        {
            throw Fail(context, ex.Message);
        }

        Regex? exclude = null;
        if (context.Get("excludeHeaderMetaRegex") is { } pattern)
        {
            try
            {
                exclude = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw Fail(context, $"metadata 'excludeHeaderMetaRegex': {ex.Message}");
            }
        }

        return new KafkaSettings(
            PubSubSettings.From(context),
            brokers,
            context.Get("clientId") ?? "sarama",
            partitions,
            oldest,
            Bool(context, "consumeRetryEnabled", fallback: true),
            backOff,
            Bool(context, "escapeHeaders", fallback: false),
            exclude,
            // partitionNumber came with contrib v1.18.0 (producer.go, partitioner.go); daprd 1.17 ships contrib v1.17.8.
            PartitionNumberSupported: context.DaprVersion.Minor >= 18);
    }

    // upgradeMetadata: the deprecated authRequired picks password (when saslPassword is set), mtls or none.
    private static string? DerivedAuthType(ComponentInitContext context)
    {
        if (context.Get("authRequired") is not { } required)
        {
            return null;
        }

        return PubSubPublisher.ParseBool(required) switch
        {
            true => context.Get("saslPassword") is null ? "mtls" : "password",
            false => "none",
            null => throw Fail(context, "kafka error: invalid value for 'authRequired' attribute"),
        };
    }

    private static bool Bool(ComponentInitContext context, string name, bool fallback) =>
        context.Get(name) is not { } text
            ? fallback
            : PubSubPublisher.ParseBool(text) ?? throw Fail(context, $"metadata '{name}' must be a boolean, got '{text}'");

    private static ComponentLoadException Fail(ComponentInitContext context, string message) =>
        ComponentLoadException.For(context.Definition, message);
}
