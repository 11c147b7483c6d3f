using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Todo.Contracts;

namespace Todo.Deployment.Tests.Support;

/// <summary>
/// Structural rules for Dapr resource files. Each method returns the problems it finds (empty = fine), so the same
/// rule is run on the real files and, in <c>RuleSelfTests</c>, on broken documents to prove it can fail.
/// </summary>
internal static partial class DaprRules
{
    public static readonly IReadOnlySet<string> AppIds = new HashSet<string> { DaprNames.WebAppId, DaprNames.BackendAppId };

    public static IReadOnlyList<YamlDoc> LoadFolder(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(Yaml.LoadFile)
            .Where(d => d.Root is not null)
            .ToList();

    public static IEnumerable<YamlDoc> OfKind(this IEnumerable<YamlDoc> docs, string kind) =>
        docs.Where(d => d.Root.Str("kind") == kind);

    public static string Name(this YamlDoc doc) => doc.Root.Str("metadata.name") ?? "";

    /// <summary>apiVersion, kind and metadata.name on every resource; the Component spec shape Dapr loads.</summary>
    public static List<string> CheckResource(YamlDoc doc)
    {
        var problems = new List<string>();
        var root = doc.Root;
        if (root is not JsonObject)
        {
            return [$"{doc}: not a mapping"];
        }

        foreach (var field in new[] { "apiVersion", "kind", "metadata.name" })
        {
            if (string.IsNullOrWhiteSpace(root.Str(field)))
            {
                problems.Add($"{doc}: missing {field}");
            }
        }

        if (root.Str("kind") == "Component")
        {
            problems.AddRange(CheckComponent(doc));
        }

        return problems;
    }

    private static List<string> CheckComponent(YamlDoc doc)
    {
        var problems = new List<string>();
        var root = doc.Root;
        if (root.Str("apiVersion") != "dapr.io/v1alpha1")
        {
            problems.Add($"{doc}: Component apiVersion must be dapr.io/v1alpha1");
        }

        var type = root.Str("spec.type");
        if (type is null || !ComponentType().IsMatch(type))
        {
            problems.Add($"{doc}: spec.type '{type}' is not <category>.<name>");
        }

        var version = root.Str("spec.version");
        if (version is null || !VersionPattern().IsMatch(version))
        {
            problems.Add($"{doc}: spec.version '{version}' is not v<N>");
        }

        // Dapr reads scopes and auth as siblings of spec; inside spec they are silently ignored.
        foreach (var misplaced in new[] { "scopes", "auth" })
        {
            if (root.At("spec") is JsonObject spec && spec.ContainsKey(misplaced))
            {
                problems.Add($"{doc}: '{misplaced}' belongs at the top level, not under spec");
            }
        }

        if (root.At("spec.metadata") is not JsonArray metadata)
        {
            problems.Add($"{doc}: spec.metadata must be a list (use [] for none)");
            return problems;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in metadata)
        {
            if (entry is not JsonObject item)
            {
                problems.Add($"{doc}: metadata entry is not a mapping");
                continue;
            }

            var name = item.Str("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add($"{doc}: metadata entry without name");
                continue;
            }

            if (!seen.Add(name))
            {
                problems.Add($"{doc}: metadata '{name}' appears twice");
            }

            var sources = new[] { "value", "secretKeyRef", "envRef" }.Count(item.ContainsKey);
            if (sources != 1)
            {
                problems.Add($"{doc}: metadata '{name}' must have exactly one of value/secretKeyRef/envRef (has {sources})");
            }

            var unknown = item.Select(p => p.Key).Except(["name", "value", "secretKeyRef", "envRef"]).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"{doc}: metadata '{name}' has unknown keys {string.Join(", ", unknown)}");
            }

            if (item.ContainsKey("value") && item["value"] is not (JsonValue or null))
            {
                problems.Add($"{doc}: metadata '{name}' value must be a scalar");
            }

            if (item.ContainsKey("secretKeyRef") && string.IsNullOrWhiteSpace(item.Str("secretKeyRef.name")))
            {
                problems.Add($"{doc}: metadata '{name}' secretKeyRef needs a name");
            }
        }

        return problems;
    }

    /// <summary>Duplicate names of the same kind in one folder make daprd (and kubectl apply) fail or override.</summary>
    public static List<string> CheckUniqueNames(IEnumerable<YamlDoc> docs) =>
        docs.GroupBy(d => (Kind: d.Root.Str("kind"), Name: d.Name()))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Kind} '{g.Key.Name}' is defined {g.Count()} times")
            .ToList();

    /// <summary>Scopes must exist (when required) and name only real app ids.</summary>
    public static List<string> CheckScopes(YamlDoc doc, bool required)
    {
        var problems = new List<string>();
        var scopes = doc.Root.At("scopes");
        if (scopes is null)
        {
            if (required)
            {
                problems.Add($"{doc}: no scopes (every app would load it)");
            }

            return problems;
        }

        if (scopes is not JsonArray list || list.Count == 0)
        {
            problems.Add($"{doc}: scopes must be a non-empty list");
            return problems;
        }

        foreach (var scope in list.Select(s => s?.ToString() ?? ""))
        {
            if (!AppIds.Contains(scope))
            {
                problems.Add($"{doc}: scope '{scope}' is not an app id ({string.Join(", ", AppIds)})");
            }
        }

        return problems;
    }

    /// <summary>
    /// A Resiliency must point at real app ids and components, use only policies it defines, and bound every
    /// retry (maxRetries -1 or absent = forever, which blocks a Kafka partition on a poison message).
    /// </summary>
    public static List<string> CheckResiliency(YamlDoc doc, IReadOnlySet<string> componentNames)
    {
        var problems = new List<string>();
        var root = doc.Root;
        if (root.Str("apiVersion") != "dapr.io/v1alpha1")
        {
            problems.Add($"{doc}: Resiliency apiVersion must be dapr.io/v1alpha1");
        }

        var policies = new Dictionary<string, JsonObject?>
        {
            ["timeout"] = root.At("spec.policies.timeouts") as JsonObject,
            ["retry"] = root.At("spec.policies.retries") as JsonObject,
            ["circuitBreaker"] = root.At("spec.policies.circuitBreakers") as JsonObject,
        };

        foreach (var (name, retry) in policies["retry"] ?? [])
        {
            var max = retry.At("maxRetries");
            if (max is not JsonValue v || !v.TryGetValue<long>(out var n) || n < 0)
            {
                problems.Add($"{doc}: retry policy '{name}' has no bounded maxRetries");
            }
        }

        void CheckRefs(string where, JsonNode? target)
        {
            if (target is not JsonObject t)
            {
                problems.Add($"{doc}: {where} is empty");
                return;
            }

            foreach (var (kind, defined) in policies)
            {
                var reference = t.Str(kind);
                if (reference is not null && (defined is null || !defined.ContainsKey(reference)))
                {
                    problems.Add($"{doc}: {where} uses {kind} '{reference}', which spec.policies does not define");
                }
            }
        }

        foreach (var (app, target) in root.At("spec.targets.apps") as JsonObject ?? [])
        {
            if (!AppIds.Contains(app))
            {
                problems.Add($"{doc}: targets.apps names unknown app id '{app}'");
            }

            CheckRefs($"targets.apps.{app}", target);
        }

        foreach (var (component, target) in root.At("spec.targets.components") as JsonObject ?? [])
        {
            if (!componentNames.Contains(component))
            {
                problems.Add($"{doc}: targets.components names unknown component '{component}'");
            }

            foreach (var direction in (target as JsonObject ?? []).Select(p => p.Key))
            {
                if (direction is not ("inbound" or "outbound"))
                {
                    problems.Add($"{doc}: targets.components.{component} has '{direction}' (want inbound/outbound)");
                    continue;
                }

                CheckRefs($"targets.components.{component}.{direction}", target.At(direction));
            }
        }

        return problems;
    }

    /// <summary>
    /// The Configuration's access control must deny by default and allow only real app ids, each policy complete
    /// (appId, trustDomain, namespace are all required by Dapr); secret scopes name real stores.
    /// </summary>
    public static List<string> CheckConfiguration(YamlDoc doc, IReadOnlySet<string> componentNames)
    {
        var problems = new List<string>();
        var root = doc.Root;
        if (root.Str("apiVersion") != "dapr.io/v1alpha1")
        {
            problems.Add($"{doc}: Configuration apiVersion must be dapr.io/v1alpha1");
        }

        if (root.Str("spec.accessControl.defaultAction") != "deny")
        {
            problems.Add($"{doc}: accessControl.defaultAction must be deny");
        }

        if (root.At("spec.accessControl.policies") is not JsonArray policies || policies.Count == 0)
        {
            problems.Add($"{doc}: accessControl has no policies");
        }
        else
        {
            foreach (var policy in policies)
            {
                var appId = policy.Str("appId") ?? "";
                if (!AppIds.Contains(appId))
                {
                    problems.Add($"{doc}: access policy for unknown app id '{appId}'");
                }

                foreach (var field in new[] { "trustDomain", "namespace" })
                {
                    if (string.IsNullOrWhiteSpace(policy.Str(field)))
                    {
                        problems.Add($"{doc}: access policy '{appId}' has no {field}");
                    }
                }

                foreach (var op in policy.At("operations") as JsonArray ?? [])
                {
                    if (!(op.Str("name") ?? "").StartsWith('/') || op.Str("action") is not ("allow" or "deny"))
                    {
                        problems.Add($"{doc}: access policy '{appId}' has a malformed operation");
                    }
                }
            }
        }

        var rate = root.Str("spec.tracing.samplingRate");
        if (rate is not null && !(double.TryParse(rate, System.Globalization.CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1))
        {
            problems.Add($"{doc}: tracing.samplingRate '{rate}' is not between 0 and 1");
        }

        foreach (var scope in root.At("spec.secrets.scopes") as JsonArray ?? [])
        {
            var store = scope.Str("storeName") ?? "";
            if (!componentNames.Contains(store))
            {
                problems.Add($"{doc}: secrets.scopes names unknown store '{store}'");
            }
        }

        return problems;
    }

    /// <summary>
    /// pubsub.kafka turns consumer retry on by default with dapr/kit's default backoff: constant 5 s, maxRetries -1
    /// (components-contrib pubsub/kafka/kafka.go sets DefaultConsumeRetryEnabled = true; common/component/kafka/kafka.go
    /// decodes the <c>backOff*</c> metadata with retry.DecodeConfigWithPrefix; dapr/kit retry/retry.go DefaultConfig).
    /// The retry runs inline in the partition, so a message that always fails blocks every later one for ever. A Kafka
    /// component must bound it with a non-negative <c>backOffMaxRetries</c> and name its backoff policy.
    /// </summary>
    public static List<string> CheckKafkaRetry(YamlDoc doc)
    {
        var problems = new List<string>();
        if (doc.Root.Str("spec.type") != "pubsub.kafka")
        {
            return problems;
        }

        string? Meta(string name) =>
            (doc.Root.At("spec.metadata") as JsonArray ?? []).FirstOrDefault(m => string.Equals(m.Str("name"), name, StringComparison.OrdinalIgnoreCase)).Str("value");

        if (!long.TryParse(Meta("backOffMaxRetries"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            problems.Add($"{doc}: pubsub.kafka needs backOffMaxRetries >= 0 (the default -1 retries a failing message forever inside its partition)");
        }

        switch (Meta("backOffPolicy"))
        {
            case "constant":
                if (Meta("backOffDuration") is null)
                {
                    problems.Add($"{doc}: backOffPolicy constant needs backOffDuration");
                }

                break;
            case "exponential":
                foreach (var name in new[] { "backOffInitialInterval", "backOffMaxInterval" })
                {
                    if (Meta(name) is null)
                    {
                        problems.Add($"{doc}: backOffPolicy exponential needs {name}");
                    }
                }

                break;
            default:
                problems.Add($"{doc}: backOffPolicy must be constant or exponential (written out, not left to the 5 s default)");
                break;
        }

        return problems;
    }

    /// <summary>
    /// Policies that application answers can trigger. daprd wraps every app answer outside 200–399 in a CodeError
    /// (pkg/api/http/directmessaging.go) and the breaker counts every error (pkg/resiliency/policy.go runs the
    /// operation inside cb.Execute); the trip expression only sees counts (pkg/resiliency/breaker/circuitbreaker.go:
    /// requests, totalSuccesses, totalFailures, consecutiveSuccesses, consecutiveFailures), so no trip expression can
    /// leave 401/404/409 out. State transactions run inside the outbound state policy with ETag errors not marked
    /// permanent (pkg/api/http/http.go, pkg/api/grpc/grpc.go: Multi inside the policy runner), so a retry policy there
    /// re-runs a conflicting transaction and a breaker counts conflicts.
    /// </summary>
    public static List<string> CheckNoPolicyTrippedByAppOutcomes(YamlDoc doc, string stateStore)
    {
        var problems = new List<string>();
        foreach (var (app, target) in doc.Root.At("spec.targets.apps") as JsonObject ?? [])
        {
            if (target.Str("circuitBreaker") is { } breaker)
            {
                problems.Add($"{doc}: targets.apps.{app} uses circuit breaker '{breaker}', which 4xx answers (401, 404, 409) trip");
            }
        }

        var state = doc.Root.At($"spec.targets.components.{stateStore}.outbound");
        if (state.Str("retry") is { } retry)
        {
            problems.Add($"{doc}: {stateStore} outbound retry '{retry}' re-runs transactions that failed on an ETag conflict");
        }

        if (state.Str("circuitBreaker") is { } stateBreaker)
        {
            problems.Add($"{doc}: {stateStore} outbound circuit breaker '{stateBreaker}' counts ETag conflicts as failures");
        }

        return problems;
    }

    [GeneratedRegex(@"^[a-z]+\.[a-z0-9][a-z0-9.\-]*$")]
    private static partial Regex ComponentType();

    [GeneratedRegex(@"^v[0-9]+$")]
    private static partial Regex VersionPattern();
}
