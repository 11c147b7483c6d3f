using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.Resiliency;

/// <summary>The component kinds daprd names in default-policy templates (<c>Default&lt;Kind&gt;Component&lt;Direction&gt;RetryPolicy</c>).</summary>
internal enum ComponentKind
{
    Statestore,
    Pubsub,
    Secretstore,
}

/// <summary>
/// One sidecar's resiliency provider: the policies of every Resiliency resource in scope for its app, merged in load
/// order (a later resource's policy or target of the same name wins), and its own circuit breakers, as each daprd has
/// (dapr/dapr pkg/resiliency/resiliency.go, v1.17.13 = v1.18.3, <c>FromConfigurations</c>, <c>EndpointPolicy</c>,
/// <c>ComponentOutboundPolicy</c>, <c>ComponentInboundPolicy</c>, <c>getDefaultPolicy</c>).
/// </summary>
internal sealed class SidecarResiliency
{
    private readonly Dictionary<string, TimeSpan> _timeouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RetryPolicy> _retries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CircuitBreakerTemplate> _breakers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyNames> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComponentPolicyNames> _components = new(StringComparer.Ordinal);

    // daprd keeps one breaker per (app, endpoint) — an LRU of 100 per app — and one per component name.
    private readonly ConcurrentDictionary<(string App, string Endpoint), CircuitBreaker> _endpointBreakers = new();
    private readonly ConcurrentDictionary<string, CircuitBreaker> _componentBreakers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SidecarResiliency(IEnumerable<ResiliencyResource> resources, TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
        // addBuiltInPolicies: DaprBuiltInServiceRetries is constant 1 s, 3 retries (the actor ones do not apply here).
        // A resource may override either (at least 3 retries, see Decode).
        _retries[BuiltInServiceRetries] = new RetryPolicy(RetryBackOff.Default with { Duration = TimeSpan.FromSeconds(1), MaxRetries = 3 }, StatusCodeMatch.Any);
        // DaprBuiltInInitializationRetries (GET /dapr/subscribe): exponential 500 ms, ×1.5, ±50 %, ≤ 1 s, 3 retries, 10 s.
        _retries[BuiltInInitializationRetries] = new RetryPolicy(RetryBackOff.Default with
        {
            Exponential = true, InitialInterval = TimeSpan.FromMilliseconds(500), MaxRetries = 3, MaxInterval = TimeSpan.FromSeconds(1),
            MaxElapsedTime = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromSeconds(2), Multiplier = 1.5, RandomizationFactor = 0.5,
        }, StatusCodeMatch.Any);
        foreach (var resource in resources)
        {
            try
            {
                Decode(resource);
                Loaded.Add(resource.Name);
                logger.LogInformation("Loading Resiliency configuration: {Name}", resource.Name);
            }
            catch (FormatException ex)
            {
                // FromConfigurations logs and skips a resource it cannot decode; the sidecar still starts.
                logger.LogError("Could not read resiliency policy {Name}: {Error}", resource.Name, ex.Message);
                Rejected.Add((resource.Name, ex.Message));
            }
        }
    }

    public const string BuiltInServiceRetries = "DaprBuiltInServiceRetries";

    public const string BuiltInInitializationRetries = "DaprBuiltInInitializationRetries";

    /// <summary>Names of the resources applied.</summary>
    public List<string> Loaded { get; } = [];

    /// <summary>Resources skipped for an error, with the error.</summary>
    public List<(string Name, string Error)> Rejected { get; } = [];

    /// <summary><c>PolicyDefined(app, EndpointPolicy)</c>: an explicit <c>targets.apps</c> entry (defaults do not count).</summary>
    public bool HasAppTarget(string appId) => _apps.ContainsKey(appId);

    /// <summary>Service invocation from this sidecar to <paramref name="appId"/> (applied by the caller's sidecar).</summary>
    public PolicyRunner Endpoint(string appId, string endpoint)
    {
        var name = $"endpoint[{appId}, {endpoint}]";
        var names = _apps.TryGetValue(appId, out var target) ? target : Default(["App"]);
        return Build(name, names, template => _endpointBreakers.GetOrAdd((appId, endpoint), _ => template.Create(endpoint, _time)));
    }

    /// <summary>Sidecar → component (state, publish, secrets).</summary>
    public PolicyRunner ComponentOutbound(string component, ComponentKind kind) => Component(component, kind, "Outbound", $"component[{component}] output");

    /// <summary>Component → app (a pub/sub delivery to the subscriber).</summary>
    public PolicyRunner ComponentInbound(string component, ComponentKind kind) => Component(component, kind, "Inbound", $"component[{component}] input");

    /// <summary><c>BuiltInPolicy</c>: the retry only.</summary>
    public PolicyRunner BuiltIn(string name) =>
        new(name, null, _retries.GetValueOrDefault(name), null, null, _time, _logger);

    private PolicyRunner Component(string component, ComponentKind kind, string direction, string name)
    {
        PolicyNames names;
        if (_components.TryGetValue(component, out var target))
        {
            names = direction == "Inbound" ? target.Inbound : target.Outbound;
        }
        else
        {
            names = Default([$"{kind}Component{direction}", $"Component{direction}", "Component"]);
        }

        // circuitBreakerInstances.Get: one breaker per component name, shared by inbound and outbound.
        return Build(name, names, template => _componentBreakers.GetOrAdd(component, _ => template.Create(template.Name + "-" + component, _time)));
    }

    private PolicyRunner Build(string name, PolicyNames names, Func<CircuitBreakerTemplate, CircuitBreaker> breaker)
    {
        TimeSpan? timeout = names.Timeout is { Length: > 0 } t && _timeouts.TryGetValue(t, out var d) ? d : null;
        var retry = names.Retry is { Length: > 0 } r ? _retries.GetValueOrDefault(r) : null;
        var cb = names.CircuitBreaker is { Length: > 0 } c && _breakers.TryGetValue(c, out var template) ? breaker(template) : null;
        return timeout is null && retry is null && cb is null
            ? PolicyRunner.None
            : new PolicyRunner(name, timeout, retry, cb, null, _time, _logger);
    }

    // getDefaultPolicy: per kind, the most specific Default<level><Kind>Policy that exists, else Default<Kind>Policy.
    private PolicyNames Default(string[] levels)
    {
        string? Pick<TValue>(Dictionary<string, TValue> policies, string template) =>
            levels.Select(l => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, l)).Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ""))
                .FirstOrDefault(policies.ContainsKey);

        return new PolicyNames(Pick(_timeouts, "Default{0}TimeoutPolicy"), Pick(_retries, "Default{0}RetryPolicy"), Pick(_breakers, "Default{0}CircuitBreakerPolicy"));
    }

    private void Decode(ResiliencyResource resource)
    {
        var timeouts = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (name, value) in resource.Timeouts)
        {
            timeouts[name] = RetryBackOff.ParseDuration(name, value);
        }

        var retries = new Dictionary<string, RetryPolicy>(StringComparer.Ordinal);
        foreach (var (name, spec) in resource.Retries)
        {
            var backOff = RetryBackOff.From(spec.Fields, prefix: "");
            if (name == "DaprBuiltInActorNotFoundRetries")
            {
                continue; // isProtectedPolicy: cannot be overridden
            }

            if (IsBuiltIn(name) && backOff.MaxRetries < 3)
            {
                _logger.LogWarning("Attempted override of {Name} did not meet minimum retry count, resetting to 3.", name);
                backOff = backOff with { MaxRetries = 3 };
            }

            retries[name] = new RetryPolicy(backOff, StatusCodeMatch.Parse(spec.HttpStatusCodes, spec.GrpcStatusCodes));
        }

        var breakers = new Dictionary<string, CircuitBreakerTemplate>(StringComparer.Ordinal);
        foreach (var (name, spec) in resource.CircuitBreakers)
        {
            breakers[name] = CircuitBreakerTemplate.From(name, spec);
        }

        foreach (var (k, v) in timeouts)
        {
            _timeouts[k] = v;
        }

        foreach (var (k, v) in retries)
        {
            _retries[k] = v;
        }

        foreach (var (k, v) in breakers)
        {
            _breakers[k] = v;
        }

        foreach (var (k, v) in resource.Apps)
        {
            _apps[k] = v;
        }

        foreach (var (k, v) in resource.Components)
        {
            _components[k] = v;
        }
    }

    private static bool IsBuiltIn(string name) => name is "DaprBuiltInServiceRetries" or "DaprBuiltInActorRetries"
        or "DaprBuiltInActorReminderRetries" or "DaprBuiltInInitializationRetries";

    /// <summary>A <c>circuitBreakers</c> entry; each target gets its own breaker built from it (<c>newCB</c>).</summary>
    private sealed record CircuitBreakerTemplate(string Name, uint MaxRequests, TimeSpan Interval, TimeSpan Timeout, TripExpression? Trip)
    {
        public static CircuitBreakerTemplate From(string name, CircuitBreakerSpec spec) => new(
            name,
            spec.MaxRequests is { Length: > 0 } m
                ? uint.TryParse(m, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max) ? max : throw new FormatException($"invalid circuit breaker {name}: maxRequests '{m}' is not a whole number")
                : 0,
            spec.Interval is { Length: > 0 } i ? RetryBackOff.ParseDuration("interval", i) : TimeSpan.Zero,
            spec.Timeout is { Length: > 0 } t ? RetryBackOff.ParseDuration("timeout", t) : TimeSpan.Zero,
            spec.Trip is { Length: > 0 } trip ? TripExpression.Parse(trip) : null);

        public CircuitBreaker Create(string breakerName, TimeProvider time) => new(breakerName, MaxRequests, Interval, Timeout, Trip, time);
    }
}
