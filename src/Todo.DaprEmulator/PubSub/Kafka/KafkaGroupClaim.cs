using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Resiliency;

namespace Todo.DaprEmulator.PubSub.Kafka;

/// <summary>A member of a consumer group: one app's subscription through one component.</summary>
internal sealed record KafkaMember(string Id, ITopicSubscriber Subscriber, KafkaPubSub Component);

/// <summary>
/// One consumer group's claim on one topic. Every membership change is a rebalance, as in a Kafka consumer group:
/// the running session ends (a retry in progress is abandoned, uncommitted messages will be read again), then the
/// partitions are assigned to the members with sarama's default range strategy (IBM/sarama balance_strategy.go
/// NewBalanceStrategyRange: member ids sorted, contiguous ranges, the first <c>n % m</c> members get one extra) and a
/// new session starts from the committed offsets. Each partition has its own loop, so partitions are consumed in
/// parallel and each strictly in order, as sarama's ConsumeClaim runs one goroutine per claimed partition
/// (components-contrib common/component/kafka/consumer.go).
/// </summary>
internal sealed class KafkaGroupClaim(KafkaCluster cluster, string group, TopicLog topic, ILogger logger, TimeProvider time)
{
    private const int FetchSize = 256;
    private readonly List<KafkaMember> _members = [];
    private readonly SemaphoreSlim _rebalance = new(1, 1);
    private CancellationTokenSource? _session;
    private Task[] _consumers = [];
    private Task _pending = Task.CompletedTask;

    public string Group { get; } = group;

    public void Join(KafkaMember member)
    {
        lock (_members)
        {
            _members.Add(member);
            _pending = RebalanceAsync();
        }
    }

    public Task LeaveAsync(KafkaMember member)
    {
        lock (_members)
        {
            _members.Remove(member);
            _pending = RebalanceAsync();
            return _pending;
        }
    }

    private async Task RebalanceAsync()
    {
        await _rebalance.WaitAsync();
        try
        {
            if (_session is not null)
            {
                await _session.CancelAsync();
                try
                {
                    await Task.WhenAll(_consumers);
                }
                catch (OperationCanceledException)
                {
                }

                _session.Dispose();
                _session = null;
                _consumers = [];
            }

            KafkaMember[] members;
            lock (_members)
            {
                members = _members.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
            }

            if (members.Length == 0)
            {
                return;
            }

            _session = new CancellationTokenSource();
            var token = _session.Token;
            var partitions = topic.Partitions.Length;
            var perMember = partitions / members.Length;
            var withExtra = partitions % members.Length;
            var consumers = new List<Task>();
            for (var i = 0; i < members.Length; i++)
            {
                var first = (i * perMember) + Math.Min(withExtra, i);
                var count = perMember + (i < withExtra ? 1 : 0);
                for (var p = first; p < first + count; p++)
                {
                    var member = members[i];
                    var partition = topic.Partitions[p];
                    // No committed offset: Consumer.Offsets.Initial, resolved when the partition is claimed.
                    var position = await cluster.CommittedAsync(Group, topic.Name, partition.Index, CancellationToken.None)
                        ?? (member.Component.Settings.InitialOffsetOldest ? 0 : partition.End);
                    consumers.Add(Task.Run(() => ConsumeAsync(member, partition, position, token), CancellationToken.None));
                }
            }

            _consumers = consumers.ToArray();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The cluster is closing (emulator shutdown) while the group changes: nothing left to consume.
            logger.LogDebug(ex, "Kafka rebalance of group {Group} on {Topic} abandoned", Group, topic.Name);
        }
        finally
        {
            _rebalance.Release();
        }
    }

    private async Task ConsumeAsync(KafkaMember member, PartitionLog partition, long position, CancellationToken token)
    {
        try
        {
            var backOff = member.Component.Settings.BackOff.Start(time);
            while (true)
            {
                await partition.WaitForAsync(position, token);
                foreach (var record in await cluster.ReadAsync(topic, partition.Index, position, FetchSize, token))
                {
                    if (await ProcessAsync(member, record, backOff, token))
                    {
                        // session.MarkMessage: the committed offset is the next one to read.
                        await cluster.CommitAsync(Group, topic.Name, partition.Index, record.Offset + 1, token);
                    }

                    position = record.Offset + 1;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Session over (rebalance or shutdown): whatever was not committed is read again by the next owner.
        }
        catch (ObjectDisposedException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Kafka consumer of group {Group} on {Topic}/{Partition} stopped", Group, topic.Name, partition.Index);
        }
    }

    // consumer.go ConsumeClaim: with consumeRetryEnabled, retry.NotifyRecover(doCallback, backOff) inline, so the
    // partition waits; when the back-off gives up the message is left unmarked and the loop goes on. Without it,
    // one attempt.
    private async Task<bool> ProcessAsync(KafkaMember member, KafkaRecord record, RetryBackOff.State backOff, CancellationToken token)
    {
        var component = member.Component;
        var message = component.ToBrokerMessage(record);
        var key = record.Key is null ? "" : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(record.Key));
        if (!component.Settings.ConsumeRetryEnabled)
        {
            var error = await SubscriptionHandler.HandleAsync(component, member.Subscriber, message, logger, token);
            if (error is not null)
            {
                logger.LogError("Error processing Kafka message: {Topic}/{Partition}/{Offset} [key={Key}]. Error: {Error}.",
                    record.Topic, record.Partition, record.Offset, key, error);
            }

            return error is null;
        }

        backOff.Reset();
        var notified = false;
        while (true)
        {
            var error = await SubscriptionHandler.HandleAsync(component, member.Subscriber, message, logger, token);
            if (error is null)
            {
                if (notified)
                {
                    logger.LogInformation("Successfully processed Kafka message after it previously failed: {Topic}/{Partition}/{Offset} [key={Key}]",
                        record.Topic, record.Partition, record.Offset, key);
                }

                return true;
            }

            if (backOff.Next() is not { } wait)
            {
                logger.LogError("Too many failed attempts at processing Kafka message: {Topic}/{Partition}/{Offset} [key={Key}]. Error: {Error}.",
                    record.Topic, record.Partition, record.Offset, key, error);
                component.OnGaveUp(record);
                return false;
            }

            if (!notified)
            {
                notified = true;
                logger.LogWarning("Error processing Kafka message: {Topic}/{Partition}/{Offset} [key={Key}]. Error: {Error}. Retrying...",
                    record.Topic, record.Partition, record.Offset, key, error);
            }

            await Task.Delay(wait, time, token);
        }
    }

    /// <summary>Waits for the latest rebalance (tests and shutdown).</summary>
    public Task SettledAsync()
    {
        lock (_members)
        {
            return _pending;
        }
    }
}
