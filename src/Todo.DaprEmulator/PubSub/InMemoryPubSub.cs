using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// <c>pubsub.in-memory</c> as this emulator has it: ONE broker shared by every sidecar (daprd's in-memory bus lives in
/// a single sidecar), with Kafka-like consumer groups so that one app's publishes reach the other apps as they would
/// through Kafka in production. Each group of a topic has its own queue and delivers one message at a time in publish
/// order. As in components-contrib (pubsub/in-memory/in-memory.go) a message is handed to the runtime once: an error
/// is logged and the message is lost, no redelivery. A message published while a topic has no consumer group is not
/// kept, and nothing survives a restart.
/// </summary>
internal sealed class InMemoryPubSub : IPubSubBroker, IAsyncDisposable
{
    private readonly PubSubSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string AppId, string? PodName), string> _groupsByApp = new();
    private readonly Dictionary<(string Topic, string Group), ConsumerGroup> _groups = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    private InMemoryPubSub(string name, PubSubSettings settings, ILogger logger)
    {
        Name = name;
        _settings = settings;
        _logger = logger;
    }

    public string Name { get; }

    public TopicScopes Scopes => _settings.Scopes;

    public static ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken)
    {
        var settings = PubSubSettings.From(context);
        var logger = context.LoggerFactory.CreateLogger<InMemoryPubSub>();
        return ValueTask.FromResult<object>(new InMemoryPubSub(context.Definition.Name, settings, logger));
    }

    // Expanded once per app: daprd expands {uuid} once when the component is initialised in that app's sidecar.
    public string ConsumerGroupFor(string appId, string? @namespace, string? podName) =>
        _groupsByApp.GetOrAdd((appId, podName), key => _settings.ConsumerGroupFor(key.AppId, @namespace, key.PodName));

    public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        // in-memory.go hands the publish metadata to the handler with the data; daprd's handler adds pubsubName and
        // the HTTP postman sends every entry as a header.
        var delivered = new Dictionary<string, string>(metadata, StringComparer.Ordinal) { ["pubsubName"] = Name };
        var message = new BrokerMessage(topic, data.ToArray(), delivered, MetadataAsHeaders: true);
        List<ConsumerGroup> targets;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            targets = _groups.Where(g => g.Key.Topic == topic).Select(g => g.Value).ToList();
        }

        if (targets.Count == 0)
        {
            _logger.LogDebug("Pub/sub {PubSub}: no subscriber for topic {Topic}; message not kept", Name, topic);
        }

        foreach (var group in targets)
        {
            group.Enqueue(message);
        }

        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe(string topic, string consumerGroup, ITopicSubscriber subscriber)
    {
        ConsumerGroup group;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_groups.TryGetValue((topic, consumerGroup), out group!))
            {
                group = new ConsumerGroup(this, topic, consumerGroup, _logger);
                _groups.Add((topic, consumerGroup), group);
            }

            group.Add(subscriber);
        }

        return new Membership(this, group, subscriber);
    }

    private void Leave(ConsumerGroup group, ITopicSubscriber subscriber)
    {
        bool empty;
        lock (_lock)
        {
            empty = group.Remove(subscriber) == 0;
            if (empty)
            {
                // The group's last member is gone: drop its queue, as an in-memory broker forgets everything.
                _groups.Remove((group.Topic, group.Name));
            }
        }

        if (empty)
        {
            _ = group.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ConsumerGroup> groups;
        lock (_lock)
        {
            _disposed = true;
            groups = _groups.Values.ToList();
            _groups.Clear();
        }

        foreach (var group in groups)
        {
            await group.StopAsync();
        }
    }

    private sealed class Membership(InMemoryPubSub broker, ConsumerGroup group, ITopicSubscriber subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                broker.Leave(group, subscriber);
            }
        }
    }
}
