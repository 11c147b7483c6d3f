using System.Globalization;

namespace Todo.DaprEmulator.Resiliency;

/// <summary>
/// A <c>dapr.io/v1alpha1</c> <c>Resiliency</c> resource as daprd's typed CRD holds it (dapr/dapr
/// pkg/apis/resiliency/v1alpha1/types.go, v1.17.13 = v1.18.3). Only the fields of that struct survive: a retry carries
/// <c>policy</c>, <c>duration</c>, <c>maxInterval</c>, <c>maxRetries</c> and <c>matching</c>, so <c>initialInterval</c>,
/// <c>multiplier</c>, <c>randomizationFactor</c> and <c>maxElapsedTime</c> in the YAML are dropped and dapr/kit's
/// defaults apply (500 ms, ×1.5, ±50 %, 15 min).
/// </summary>
public sealed record ResiliencyResource(
    string Name,
    IReadOnlyDictionary<string, string> Timeouts,
    IReadOnlyDictionary<string, RetrySpec> Retries,
    IReadOnlyDictionary<string, CircuitBreakerSpec> CircuitBreakers,
    IReadOnlyDictionary<string, PolicyNames> Apps,
    IReadOnlyDictionary<string, ComponentPolicyNames> Components,
    IReadOnlyList<string> Scopes,
    string SourceFile);

/// <summary>One retry policy; <see cref="Fields"/> are the CRD's retry.Config fields present in the YAML, as strings.</summary>
public sealed record RetrySpec(IReadOnlyDictionary<string, string> Fields, string? HttpStatusCodes, string? GrpcStatusCodes);

public sealed record CircuitBreakerSpec(string? MaxRequests, string? Interval, string? Timeout, string? Trip);

/// <summary>The policy names a target refers to (<c>timeout</c>, <c>retry</c>, <c>circuitBreaker</c>).</summary>
public sealed record PolicyNames(string? Timeout, string? Retry, string? CircuitBreaker)
{
    public static readonly PolicyNames None = new(null, null, null);
}

public sealed record ComponentPolicyNames(PolicyNames Inbound, PolicyNames Outbound);

/// <summary>Reads a Resiliency document (already parsed YAML) into <see cref="ResiliencyResource"/>.</summary>
internal static class ResiliencyReader
{
    // The CRD's Retry struct (types.go): every other key is dropped when daprd unmarshals the resource.
    private static readonly string[] RetryFields = ["policy", "duration", "maxInterval", "maxRetries"];

    public static ResiliencyResource Read(Dictionary<object, object> root, string file)
    {
        var spec = Map(root, "spec");
        var policies = Map(spec, "policies");
        var targets = Map(spec, "targets");
        return new ResiliencyResource(
            Text(Map(root, "metadata"), "name") ?? "",
            Entries(policies, "timeouts").ToDictionary(e => e.Key, e => ToText(e.Value) ?? "", StringComparer.Ordinal),
            Entries(policies, "retries").ToDictionary(e => e.Key, e => ReadRetry(e.Value as Dictionary<object, object>), StringComparer.Ordinal),
            Entries(policies, "circuitBreakers").ToDictionary(e => e.Key, e => ReadBreaker(e.Value as Dictionary<object, object>), StringComparer.Ordinal),
            Entries(targets, "apps").ToDictionary(e => e.Key, e => ReadNames(e.Value as Dictionary<object, object>), StringComparer.Ordinal),
            Entries(targets, "components").ToDictionary(
                e => e.Key,
                e => new ComponentPolicyNames(
                    ReadNames(Map(e.Value as Dictionary<object, object>, "inbound")),
                    ReadNames(Map(e.Value as Dictionary<object, object>, "outbound"))),
                StringComparer.Ordinal),
            root.TryGetValue("scopes", out var scopes) && scopes is List<object> list
                ? list.Select(ToText).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList()
                : [],
            file);
    }

    private static RetrySpec ReadRetry(Dictionary<object, object>? retry)
    {
        // Go's encoding/json matches struct field names case-insensitively.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in retry ?? [])
        {
            var field = RetryFields.FirstOrDefault(f => string.Equals(f, key.ToString(), StringComparison.OrdinalIgnoreCase));
            if (field is not null && ToText(value) is { } text)
            {
                fields[field] = text;
            }
        }

        var matching = Map(retry, "matching");
        return new RetrySpec(fields, Text(matching, "httpStatusCodes"), Text(matching, "gRPCStatusCodes"));
    }

    private static CircuitBreakerSpec ReadBreaker(Dictionary<object, object>? breaker) =>
        new(Text(breaker, "maxRequests"), Text(breaker, "interval"), Text(breaker, "timeout"), Text(breaker, "trip"));

    private static PolicyNames ReadNames(Dictionary<object, object>? names) =>
        names is null ? PolicyNames.None : new(Text(names, "timeout"), Text(names, "retry"), Text(names, "circuitBreaker"));

    private static IEnumerable<KeyValuePair<string, object?>> Entries(Dictionary<object, object> parent, string key) =>
        Map(parent, key).Select(kv => new KeyValuePair<string, object?>(kv.Key.ToString() ?? "", kv.Value));

    private static Dictionary<object, object> Map(Dictionary<object, object>? parent, string key) =>
        parent?.FirstOrDefault(kv => string.Equals(kv.Key.ToString(), key, StringComparison.OrdinalIgnoreCase)).Value as Dictionary<object, object> ?? [];

    private static string? Text(Dictionary<object, object>? parent, string key) =>
        ToText(parent?.FirstOrDefault(kv => string.Equals(kv.Key.ToString(), key, StringComparison.OrdinalIgnoreCase)).Value);

    private static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };
}
