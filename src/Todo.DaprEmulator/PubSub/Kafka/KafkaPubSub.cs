using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.PubSub.Kafka;

/// <summary>
/// <c>pubsub.kafka</c> served by a durable partitioned log inside the emulator (<see cref="KafkaCluster"/>); no broker
/// is contacted. Publishing follows contrib's producer (common/component/kafka/producer.go): <c>partitionKey</c> (or
/// <c>__key</c>) is the record key, <c>partitionNumber</c> picks a partition, every metadata entry is a record header.
/// Consuming follows consumer.go: the record's headers plus <c>__key</c>, <c>__offset</c>, <c>__topic</c>,
/// <c>__timestamp</c>, <c>__partition</c> are the message metadata, one loop per partition with inline retries per
/// the <c>backOff*</c> metadata, offsets committed only after success.
/// </summary>
internal sealed class KafkaPubSub : IPubSubBroker, IAsyncDisposable
{
    private readonly KafkaCluster _cluster;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string AppId, string? PodName), string> _groupsByApp = new();
    private readonly List<Membership> _memberships = [];
    private readonly List<Task> _leaving = [];
    private bool _disposed;

    private KafkaPubSub(string name, KafkaSettings settings, KafkaCluster cluster, ILogger logger, TimeProvider time)
    {
        Name = name;
        Settings = settings;
        _cluster = cluster;
        _logger = logger;
        _time = time;
    }

    public string Name { get; }

    public KafkaSettings Settings { get; }

    public TopicScopes Scopes => Settings.Common.Scopes;

    /// <summary>contrib pubsub/kafka/kafka.go Features: FeatureBulkPublish.</summary>
    public bool ImplementsBulkPublish => true;

    /// <summary>The SQLite file that holds this component's cluster.</summary>
    public string DatabasePath => _cluster.Path;

    /// <summary>Raised when the back-off gave up on a record and the partition moved on without committing it.</summary>
    public event Action<KafkaRecord>? GaveUp;

    public static async ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken)
    {
        var settings = KafkaSettings.From(context);
        // One file per broker list, next to the emulator's other stores: the same brokers are the same cluster.
        var brokers = string.Join(",", settings.Brokers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var file = Regex.Replace(brokers, "[^A-Za-z0-9._-]+", "_");
        var path = context.ResolvePath(Path.Combine(".dapr-emulator", "kafka", file + ".sqlite"));
        var cluster = await KafkaCluster.AcquireAsync(path, cancellationToken);
        var logger = context.LoggerFactory.CreateLogger<KafkaPubSub>();
        logger.LogInformation("Kafka component {Name}: brokers {Brokers} served by the emulator's log {Path}", context.Definition.Name, brokers, path);
        return new KafkaPubSub(context.Definition.Name, settings, cluster, logger, context.TimeProvider);
    }

    // Expanded once per app: daprd expands {uuid} once when the component is initialised in that app's sidecar.
    public string ConsumerGroupFor(string appId, string? @namespace, string? podName) =>
        _groupsByApp.GetOrAdd((appId, podName), key => Settings.Common.ConsumerGroupFor(key.AppId, @namespace, key.PodName));

    public async ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string? key = null;
        int? partitionNumber = null;
        var headers = new List<KeyValuePair<string, string>>(metadata.Count);
        foreach (var (name, value) in metadata)
        {
            switch (name)
            {
                // producer.go: `case key, keyMetadataKey` (partitionKey, __key); Go map order decides between both.
                case "partitionKey":
                    key = value;
                    break;
                case "__key":
                    key ??= value;
                    break;
                case "partitionNumber":
                    partitionNumber = int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= 0
                        ? number
                        : throw new FormatException(number < 0 ? $"partitionNumber must be non-negative, got {value}" : $"invalid partitionNumber metadata value \"{value}\"");
                    break;
            }

            if (Settings.ExcludeHeaderMetaRegex?.IsMatch(name) != true)
            {
                headers.Add(KeyValuePair.Create(name, value));
            }
        }

        var log = await _cluster.TopicAsync(topic, Settings.Partitions, cancellationToken);
        var partition = KafkaPartitioner.Partition(key, partitionNumber, log.Partitions.Length);
        var offset = await _cluster.AppendAsync(log, partition, key, data, headers, _time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        _logger.LogDebug("Partition: {Partition}, offset: {Offset}", partition, offset);
    }

    public IDisposable Subscribe(string topic, string consumerGroup, ITopicSubscriber subscriber)
    {
        var membership = new Membership(this, topic, consumerGroup, subscriber);
        lock (_memberships)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _memberships.Add(membership);
        }

        return membership;
    }

    /// <summary>consumer.go GetEventMetadata, plus the <c>pubsubName</c> entry daprd's handler adds.</summary>
    public BrokerMessage ToBrokerMessage(KafkaRecord record)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (record.Key is not null)
        {
            metadata["__key"] = Settings.EscapeHeaders ? QueryEscape(record.Key) : record.Key;
        }

        metadata["__offset"] = record.Offset.ToString(CultureInfo.InvariantCulture);
        metadata["__topic"] = record.Topic;
        metadata["__timestamp"] = record.TimestampMs.ToString(CultureInfo.InvariantCulture);
        metadata["__partition"] = record.Partition.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in record.Headers)
        {
            if (Settings.ExcludeHeaderMetaRegex?.IsMatch(name) == true)
            {
                continue;
            }

            metadata[name] = Settings.EscapeHeaders ? QueryEscape(value) : value;
        }

        metadata["pubsubName"] = Name;
        return new BrokerMessage(record.Topic, record.Value, metadata, MetadataAsHeaders: true);
    }

    internal void OnGaveUp(KafkaRecord record) => GaveUp?.Invoke(record);

    /// <summary>Completes when every member has joined its group and the latest rebalances are done (tests, benchmarks).</summary>
    public async Task WhenGroupsSettledAsync()
    {
        List<Membership> memberships;
        lock (_memberships)
        {
            memberships = _memberships.ToList();
        }

        foreach (var membership in memberships)
        {
            await membership.SettledAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Membership> memberships;
        lock (_memberships)
        {
            _disposed = true;
            memberships = _memberships.ToList();
            _memberships.Clear();
        }

        foreach (var membership in memberships)
        {
            await membership.LeaveAsync();
        }

        // Members that left on their own (the runtime stopping first) must be out before the log closes.
        Task[] leaving;
        lock (_memberships)
        {
            leaving = _leaving.ToArray();
        }

        await Task.WhenAll(leaving);
        await _cluster.ReleaseAsync();
    }

    // Go's url.QueryEscape: space as '+', everything but letters, digits and -_.~ percent-encoded.
    private static string QueryEscape(string value) => WebUtility.UrlEncode(value).Replace("%7E", "~", StringComparison.Ordinal);

    private void Forget(Membership membership, Task leaving)
    {
        lock (_memberships)
        {
            _memberships.Remove(membership);
            _leaving.RemoveAll(t => t.IsCompleted);
            _leaving.Add(leaving);
        }
    }

    /// <summary>One member of a consumer group; joining (which may create the topic) runs in the background.</summary>
    private sealed class Membership : IDisposable
    {
        private readonly KafkaPubSub _component;
        private readonly Task<(KafkaGroupClaim Claim, KafkaMember Member)?> _joined;
        private int _left;

        public Membership(KafkaPubSub component, string topic, string group, ITopicSubscriber subscriber)
        {
            _component = component;
            _joined = JoinAsync(component, topic, group, subscriber);
        }

        public void Dispose() => _component.Forget(this, LeaveAsync());

        public async Task LeaveAsync()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0 && await _joined is { } joined)
            {
                await joined.Claim.LeaveAsync(joined.Member);
            }
        }

        public async Task SettledAsync()
        {
            if (await _joined is { } joined)
            {
                await joined.Claim.SettledAsync();
            }
        }

        private static async Task<(KafkaGroupClaim, KafkaMember)?> JoinAsync(KafkaPubSub component, string topic, string group, ITopicSubscriber subscriber)
        {
            try
            {
                // sarama asks for the topic's metadata with AllowAutoTopicCreation: a missing topic is created.
                var log = await component._cluster.TopicAsync(topic, component.Settings.Partitions, CancellationToken.None);
                var claim = component._cluster.Claim(group, log, component._logger, component._time);
                var member = new KafkaMember($"{component.Settings.ClientId}-{Guid.NewGuid()}", subscriber, component);
                claim.Join(member);
                return (claim, member);
            }
            catch (Exception ex)
            {
                component._logger.LogError(ex, "Kafka component {Name}: joining group {Group} on topic {Topic} failed", component.Name, group, topic);
                return null;
            }
        }
    }
}
