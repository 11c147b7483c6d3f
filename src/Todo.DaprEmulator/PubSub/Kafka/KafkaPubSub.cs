using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.PubSub.Kafka;

/// <summary>
/// <c>pubsub.kafka</c> served by a durable partitioned log inside the emulator (<see cref="KafkaCluster"/>); no broker
/// is contacted. Publishing follows contrib's producer (common/component/kafka/producer.go, see
/// <see cref="KafkaProducer"/>); bulk publishing is contrib's own (pubsub/kafka/kafka.go Features: FeatureBulkPublish).
/// Consuming follows consumer.go: the record's headers plus <c>__key</c>, <c>__offset</c>, <c>__topic</c>,
/// <c>__timestamp</c>, <c>__partition</c> are the message metadata, one loop per partition with inline retries per
/// the <c>backOff*</c> metadata, offsets committed only after success.
/// </summary>
internal sealed class KafkaPubSub : IBulkPublishingBroker, IAsyncDisposable
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

    /// <summary>producer.go Publish: one record; a bad partitionNumber or partition fails the publish.</summary>
    public async ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var message = KafkaProducer.Message(metadata, Settings);
        var log = await _cluster.TopicAsync(topic, Settings.Partitions, cancellationToken);
        var partition = KafkaPartitioner.Partition(message.Key, message.PartitionNumber, log.Partitions.Length);
        var offsets = await _cluster.AppendAsync(log, [new PendingRecord(partition, message.Key, data, message.Headers)],
            _time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        _logger.LogDebug("Partition: {Partition}, offset: {Offset}", partition, offsets[0]);
    }

    /// <summary>
    /// producer.go BulkPublish (contrib v1.18.4, same shape in v1.17.8): every entry becomes a record first, and a
    /// partitionNumber parsePartitionNumber refuses fails the whole request before anything is sent
    /// (<c>NewBulkPublishResponse(entries, err)</c>: every entry failed with that error). Then one
    /// <c>SendMessages</c> for the batch: sarama fails only the records it cannot produce (the partitioner's
    /// out-of-range error is per message) and returns <c>ProducerErrors</c>, whose text is "kafka: Failed to deliver
    /// N messages."; mapKafkaProducerErrors lists each failed entry with its own error.
    /// </summary>
    public async ValueTask<BulkPublisher.AttemptResult> BulkPublishAsync(
        string topic, IReadOnlyList<BulkPublisher.ComponentEntry> entries, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var messages = new List<KafkaProducerMessage>(entries.Count);
        try
        {
            messages.AddRange(entries.Select(entry => KafkaProducer.Message(entry.Metadata, Settings)));
        }
        catch (KafkaProduceException ex)
        {
            return new BulkPublisher.AttemptResult([.. entries.Select(e => new BulkPublisher.FailedEntry(e.EntryId, ex.Message))], ex.Message);
        }

        var log = await _cluster.TopicAsync(topic, Settings.Partitions, cancellationToken);
        var failed = new List<BulkPublisher.FailedEntry>();
        var batch = new List<PendingRecord>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            try
            {
                var partition = KafkaPartitioner.Partition(messages[i].Key, messages[i].PartitionNumber, log.Partitions.Length);
                batch.Add(new PendingRecord(partition, messages[i].Key, entries[i].Data, messages[i].Headers));
            }
            catch (KafkaProduceException ex)
            {
                failed.Add(new BulkPublisher.FailedEntry(entries[i].EntryId, ex.Message));
            }
        }

        await _cluster.AppendAsync(log, batch, _time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        _logger.LogDebug("Bulk published {Count} records on topic {Topic}, {Failed} failed", batch.Count, topic, failed.Count);
        return new BulkPublisher.AttemptResult(failed, failed.Count == 0 ? null : $"kafka: Failed to deliver {failed.Count} messages.");
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
