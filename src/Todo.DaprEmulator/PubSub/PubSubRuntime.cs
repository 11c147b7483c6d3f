using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.PubSub.Routing;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// The subscription side of every sidecar: when an app becomes reachable (first start and after a restart), its
/// programmatic subscriptions are read and merged with the declarative ones, and the app joins its consumer groups.
/// </summary>
internal sealed class PubSubRuntime(SidecarRegistry sidecars, ComponentRegistry components, TimeProvider time) : IRuntimeService
{
    // Per sidecar, not per app id: each replica of an app has its own subscriptions and consumer group membership.
    private readonly Dictionary<Sidecar, AppSubscriptions> _apps = [];
    private readonly List<(Sidecar Sidecar, Func<CancellationToken, Task> Handler)> _hooks = [];

    /// <summary>Raised after an app's subscriptions were (re)loaded, with the app id.</summary>
    public event Action<string>? SubscriptionsLoaded;

    /// <summary>Raised for every failed delivery attempt (diagnostics and tests).</summary>
    public event Action<DeliveryFailure>? DeliveryFailed;

    /// <summary>How many times an app's subscriptions were loaded (for replicas: the fewest of any instance).</summary>
    public int LoadCount(string appId)
    {
        lock (_apps)
        {
            var counts = _apps.Values.Where(app => app.Sidecar.AppId == appId).Select(app => app.LoadCount).ToList();
            return counts.Count == 0 ? 0 : counts.Min();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var sidecar in sidecars.All)
        {
            var app = new AppSubscriptions(sidecar);
            lock (_apps)
            {
                _apps[sidecar] = app;
            }

            Func<CancellationToken, Task> handler = ct => LoadAsync(app, ct);
            sidecar.AppChannel.BecameReachable += handler;
            _hooks.Add((sidecar, handler));
            // The app may have been reached before this service started; then the event has already been raised.
            if (sidecar.AppChannel.IsReachable)
            {
                await LoadAsync(app, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (sidecar, handler) in _hooks)
        {
            sidecar.AppChannel.BecameReachable -= handler;
        }

        lock (_apps)
        {
            foreach (var app in _apps.Values)
            {
                app.Clear();
            }
        }

        return Task.CompletedTask;
    }

    private async Task LoadAsync(AppSubscriptions app, CancellationToken cancellationToken)
    {
        var sidecar = app.Sidecar;
        await app.Gate.WaitAsync(cancellationToken);
        try
        {
            var programmatic = await ProgrammaticSubscriptions.FetchAsync(sidecar, cancellationToken);
            var specs = Merge(sidecar, programmatic);
            var active = new List<(ActiveSubscription Subscription, IPubSubBroker Broker)>();
            foreach (var spec in specs)
            {
                if (Activate(sidecar, spec) is { } subscription)
                {
                    active.Add(subscription);
                }
            }

            app.Apply(active, time, failure => DeliveryFailed?.Invoke(failure));
            sidecar.Subscriptions = active.Select(a => a.Subscription.ToInfo()).ToList();
            foreach (var (subscription, _) in active)
            {
                sidecar.Logger.LogInformation(
                    "Subscription found: app {AppId} {Type} {PubSub}/{Topic} routes [{Routes}]{DeadLetter}",
                    sidecar.AppId, subscription.Type, subscription.PubSubName, subscription.Topic,
                    string.Join(", ", subscription.Routes.Rules.Select(r => r.Match.Length == 0 ? r.Path : $"{r.Match} -> {r.Path}")),
                    string.IsNullOrEmpty(subscription.DeadLetterTopic) ? "" : $" deadLetterTopic {subscription.DeadLetterTopic}");
            }

            if (active.Count == 0)
            {
                sidecar.Logger.LogInformation("App {AppId} has no pub/sub subscriptions", sidecar.AppId);
            }
        }
        finally
        {
            app.Gate.Release();
        }

        SubscriptionsLoaded?.Invoke(sidecar.AppId);
    }

    // Declarative first (first loaded wins per pubsub+topic), then programmatic ones replace them for the same key.
    private List<SubscriptionSpec> Merge(Sidecar sidecar, IReadOnlyList<SubscriptionSpec> programmatic)
    {
        var merged = new List<SubscriptionSpec>();
        foreach (var spec in components.Subscriptions.Where(s => s.IsVisibleTo(sidecar.AppId)).Select(SubscriptionSpec.From)
                     .Concat(programmatic))
        {
            var index = merged.FindIndex(m => m.PubSubName == spec.PubSubName && m.Topic == spec.Topic);
            if (index < 0)
            {
                merged.Add(spec);
            }
            else if (merged[index].Type == ActiveSubscription.Declarative && spec.Type == ActiveSubscription.Programmatic)
            {
                merged[index] = spec;
            }
            else
            {
                sidecar.Logger.LogWarning("Duplicate subscription to {PubSub}/{Topic} from {Origin} ignored", spec.PubSubName, spec.Topic, spec.Origin);
            }
        }

        return merged;
    }

    private (ActiveSubscription, IPubSubBroker)? Activate(Sidecar sidecar, SubscriptionSpec spec)
    {
        if (string.IsNullOrEmpty(spec.PubSubName) || string.IsNullOrEmpty(spec.Topic))
        {
            sidecar.Logger.LogWarning("Subscription from {Origin} without pubsubname or topic ignored", spec.Origin);
            return null;
        }

        if (components.Find(spec.PubSubName, sidecar.AppId)?.Instance is not IPubSubBroker broker)
        {
            sidecar.Logger.LogWarning("Subscription to {PubSub}/{Topic} from {Origin} ignored: pubsub {PubSub} not found for app {AppId}",
                spec.PubSubName, spec.Topic, spec.Origin, spec.PubSubName, sidecar.AppId);
            return null;
        }

        if (!broker.Scopes.CanSubscribe(sidecar.AppId, spec.Topic))
        {
            sidecar.Logger.LogWarning("Subscription to {PubSub}/{Topic} ignored: topic not allowed for app {AppId}", spec.PubSubName, spec.Topic, sidecar.AppId);
            return null;
        }

        CompiledRoutes routes;
        try
        {
            routes = CompiledRoutes.Compile(spec.Rules, spec.DefaultPath);
        }
        catch (FormatException ex)
        {
            sidecar.Logger.LogError("Subscription to {PubSub}/{Topic} from {Origin} not loaded: {Error}", spec.PubSubName, spec.Topic, spec.Origin, ex.Message);
            return null;
        }

        if (routes.IsEmpty)
        {
            sidecar.Logger.LogWarning("Topic {Topic} has an empty routes; removing it from the subscriptions of {AppId}", spec.Topic, sidecar.AppId);
            return null;
        }

        return (new ActiveSubscription(spec.PubSubName, spec.Topic, routes, spec.Metadata, spec.DeadLetterTopic, spec.Type), broker);
    }

    /// <summary>The live consumer-group memberships of one app, replaced as a whole on each load.</summary>
    private sealed class AppSubscriptions(Sidecar sidecar)
    {
        private readonly Dictionary<(string PubSub, string Topic), (AppTopicSubscriber Subscriber, IDisposable Membership)> _members = [];

        public Sidecar Sidecar { get; } = sidecar;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int LoadCount { get; private set; }

        public void Apply(List<(ActiveSubscription Subscription, IPubSubBroker Broker)> active, TimeProvider time, Action<DeliveryFailure> onFailure)
        {
            lock (_members)
            {
                var keep = active.Select(a => (a.Subscription.PubSubName, a.Subscription.Topic)).ToHashSet();
                foreach (var key in _members.Keys.Where(k => !keep.Contains(k)).ToList())
                {
                    _members[key].Membership.Dispose();
                    _members.Remove(key);
                }

                foreach (var (subscription, broker) in active)
                {
                    var key = (subscription.PubSubName, subscription.Topic);
                    if (_members.TryGetValue(key, out var existing))
                    {
                        // Same consumer group membership; in-flight messages follow the new routes.
                        existing.Subscriber.Current = subscription;
                        continue;
                    }

                    var subscriber = new AppTopicSubscriber(Sidecar, subscription, time, onFailure);
                    var group = broker.ConsumerGroupFor(Sidecar.AppId, Sidecar.Namespace, Sidecar.Options.PodName);
                    _members[key] = (subscriber, broker.Subscribe(subscription.Topic, group, subscriber));
                }

                LoadCount++;
            }
        }

        public void Clear()
        {
            lock (_members)
            {
                foreach (var (_, membership) in _members.Values)
                {
                    membership.Dispose();
                }

                _members.Clear();
            }
        }
    }
}
