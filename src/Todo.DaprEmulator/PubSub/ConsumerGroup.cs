using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// One consumer group on one topic of <c>pubsub.in-memory</c>: its own queue and delivery loop, so a slow subscriber
/// holds up neither the publishers nor other groups. Messages go out one at a time in publish order (contrib's event
/// bus subscribes with <c>transactional: true</c>); members compete (round robin). One attempt per message.
/// </summary>
internal sealed class ConsumerGroup
{
    private readonly IPubSubBroker _broker;
    private readonly ILogger _logger;
    private readonly Channel<BrokerMessage> _queue = Channel.CreateUnbounded<BrokerMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ITopicSubscriber> _members = [];
    private readonly Task _loop;
    private int _next;

    public ConsumerGroup(IPubSubBroker broker, string topic, string name, ILogger logger)
    {
        _broker = broker;
        Topic = topic;
        Name = name;
        _logger = logger;
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

    // contrib pubsub/in-memory/in-memory.go: the handler is called once; an error is logged and the message is gone.
    private async Task DeliverAsync(BrokerMessage message, CancellationToken token)
    {
        var member = NextMember();
        if (member is null)
        {
            _logger.LogWarning("Pub/sub {PubSub}: topic {Topic} group {Group} has no member any more; message dropped", _broker.Name, Topic, Name);
            return;
        }

        if (await SubscriptionHandler.HandleAsync(_broker, member, message, _logger, token) is { } error)
        {
            _logger.LogError("Pub/sub {PubSub}: {Error}; pubsub.in-memory does not redeliver, the message is lost", _broker.Name, error);
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
