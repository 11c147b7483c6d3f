using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// One consumer group on one topic: its own queue and delivery loop, so a slow subscriber holds up neither the
/// publishers nor other groups. Messages go out one at a time in publish order; members compete (round robin).
/// </summary>
internal sealed class ConsumerGroup
{
    private readonly IPubSubBroker _broker;
    private readonly PubSubSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<BrokerMessage> _queue = Channel.CreateUnbounded<BrokerMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ITopicSubscriber> _members = [];
    private const string Dropped = "dropped";
    private readonly Task _loop;
    private int _next;

    public ConsumerGroup(IPubSubBroker broker, string topic, string name, PubSubSettings settings, ILogger logger, TimeProvider timeProvider)
    {
        _broker = broker;
        Topic = topic;
        Name = name;
        _settings = settings;
        _logger = logger;
        _timeProvider = timeProvider;
        _loop = Task.Run(RunAsync);
    }

    public string Topic { get; }

    public string Name { get; }

    public void Enqueue(BrokerMessage message) => _queue.Writer.TryWrite(message);

    public void Add(ITopicSubscriber subscriber)
    {
        lock (_members)
        {
            _members.Add(subscriber);
        }
    }

    /// <summary>Removes a member; returns how many are left.</summary>
    public int Remove(ITopicSubscriber subscriber)
    {
        lock (_members)
        {
            _members.Remove(subscriber);
            return _members.Count;
        }
    }

    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(token))
            {
                await DeliverAsync(message, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(BrokerMessage message, CancellationToken token)
    {
        ITopicSubscriber? member = null;
        for (var attempt = 1; attempt <= _settings.MaxDeliveryAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(_settings.BackoffBefore(attempt), _timeProvider, token);
            }

            member = NextMember();
            if (member is null)
            {
                _logger.LogWarning("Pub/sub {PubSub}: topic {Topic} group {Group} has no member any more; message dropped", _broker.Name, Topic, Name);
                return;
            }

            DeliveryOutcome outcome;
            try
            {
                outcome = await member.DeliverAsync(message, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Pub/sub {PubSub}: delivery to {AppId} on topic {Topic} failed", _broker.Name, member.AppId, Topic);
                outcome = DeliveryOutcome.Retry;
            }

            switch (outcome)
            {
                case DeliveryOutcome.Success:
                    return;
                case DeliveryOutcome.Drop:
                    await DeadLetterOrDropAsync(member, message, Dropped, token);
                    return;
            }
        }

        await DeadLetterOrDropAsync(member!, message, $"not delivered after {_settings.MaxDeliveryAttempts} attempts", token);
    }

    // The subscriber has logged why; here the message either moves to the dead-letter topic or is gone.
    private async Task DeadLetterOrDropAsync(ITopicSubscriber member, BrokerMessage message, string why, CancellationToken token)
    {
        if (member.DeadLetterTopic is { Length: > 0 } deadLetterTopic)
        {
            _logger.LogInformation("Pub/sub {PubSub}: message on topic {Topic} for {AppId} {Why}; sent to dead-letter topic {DeadLetterTopic}",
                _broker.Name, Topic, member.AppId, why, deadLetterTopic);
            try
            {
                // The original bytes as stored on the broker, as daprd's sendToDeadLetter does.
                await _broker.PublishAsync(deadLetterTopic, message.Data, message.Metadata, token);
            }
            catch (ObjectDisposedException)
            {
                // The emulator is shutting down; an in-memory broker loses the message anyway.
            }
        }
        else if (why != Dropped)
        {
            _logger.LogWarning("Pub/sub {PubSub}: message on topic {Topic} for {AppId} {Why}; no dead-letter topic, message lost",
                _broker.Name, Topic, member.AppId, why);
        }
    }

    private ITopicSubscriber? NextMember()
    {
        lock (_members)
        {
            if (_members.Count == 0)
            {
                return null;
            }

            _next = (_next + 1) % _members.Count;
            return _members[_next];
        }
    }
}
