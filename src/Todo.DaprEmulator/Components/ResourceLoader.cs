using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Todo.DaprEmulator.Components;

/// <summary>
/// Reads Dapr resource folders the way daprd's disk loader does: every <c>.yaml</c>/<c>.yml</c> file directly in the
/// folder (not recursive), several documents per file, resources picked by exact <c>apiVersion</c> and <c>kind</c>.
/// Configuration resources are collected for the sidecars that name them, Resiliency resources for every sidecar in
/// their scopes; other kinds (HTTPEndpoint) are skipped.
/// </summary>
public static class ResourceLoader
{
    public static LoadedResources LoadDirectories(IEnumerable<string> directories)
    {
        var components = new List<ComponentDefinition>();
        var subscriptions = new List<SubscriptionDefinition>();
        var configurations = new List<Configuration.ConfigurationResource>();
        var resiliencies = new List<Resiliency.ResiliencyResource>();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                throw new ComponentLoadException($"{directory}: resources folder does not exist");
            }

            var files = Directory.EnumerateFiles(directory)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var loaded = LoadFile(file);
                components.AddRange(loaded.Components);
                subscriptions.AddRange(loaded.Subscriptions);
                configurations.AddRange(loaded.Configurations);
                resiliencies.AddRange(loaded.Resiliencies);
            }
        }

        var duplicate = components.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ComponentLoadException(
                $"component name '{duplicate.Key}' is defined more than once: {string.Join(", ", duplicate.Select(c => c.SourceFile))}");
        }

        return new LoadedResources(components, subscriptions) { Configurations = configurations, Resiliencies = resiliencies };
    }

    public static LoadedResources LoadFile(string file)
    {
        var components = new List<ComponentDefinition>();
        var subscriptions = new List<SubscriptionDefinition>();
        var configurations = new List<Configuration.ConfigurationResource>();
        var resiliencies = new List<Resiliency.ResiliencyResource>();
        var deserializer = new DeserializerBuilder().Build();
        try
        {
            using var reader = new StreamReader(file);
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            var first = true;
            while (!parser.Accept<StreamEnd>(out _))
            {
                var document = deserializer.Deserialize<object?>(parser);
                var isFirst = first;
                first = false;
                if (document is null)
                {
                    continue;
                }

                if (document is not Dictionary<object, object> root)
                {
                    throw new ComponentLoadException($"{file}: a document is not a YAML mapping");
                }

                var apiVersion = Scalar(root, "apiVersion");
                var kind = Scalar(root, "kind");
                switch (apiVersion, kind)
                {
                    case ("dapr.io/v1alpha1", "Component"):
                        components.Add(ReadComponent(root, file));
                        break;
                    case ("dapr.io/v2alpha1", "Subscription"):
                    case ("dapr.io/v1alpha1", "Subscription"):
                        subscriptions.Add(ReadSubscription(root, file, apiVersion));
                        break;
                    case ("dapr.io/v1alpha1", "Configuration"):
                        configurations.Add(Configuration.ConfigurationReader.Read(root, file));
                        break;
                    case (_, "Resiliency") when isFirst:
                        // daprd's standalone loader (pkg/resiliency/resiliency.go loadLocalResiliencyPath) checks only
                        // kind and reads a file with sigs.k8s.io/yaml, which sees its first document alone.
                        resiliencies.Add(Resiliency.ResiliencyReader.Read(root, file));
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            throw new ComponentLoadException($"{file}: invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        return new LoadedResources(components, subscriptions) { Configurations = configurations, Resiliencies = resiliencies };
    }

    private static ComponentDefinition ReadComponent(Dictionary<object, object> root, string file)
    {
        var name = Scalar(Map(root, "metadata"), "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ComponentLoadException($"{file}: a Component has no metadata.name");
        }

        var spec = Map(root, "spec");
        var type = Scalar(spec, "type");
        if (string.IsNullOrWhiteSpace(type))
        {
            throw new ComponentLoadException($"{file}: component '{name}' has no spec.type");
        }

        var items = new List<ComponentMetadataItem>();
        foreach (var entry in List(spec, "metadata"))
        {
            if (entry is not Dictionary<object, object> item || string.IsNullOrWhiteSpace(Scalar(item, "name")))
            {
                throw new ComponentLoadException($"{file}: component '{name}': every spec.metadata entry needs a name");
            }

            SecretKeyRef? secretRef = null;
            if (item.TryGetValue("secretKeyRef", out var refObject) && refObject is Dictionary<object, object> refMap)
            {
                secretRef = new SecretKeyRef(Scalar(refMap, "name") ?? "", Scalar(refMap, "key"));
            }

            items.Add(new ComponentMetadataItem(Scalar(item, "name")!, Scalar(item, "value"), secretRef, Scalar(item, "envRef")));
        }

        var version = Scalar(spec, "version");
        return new ComponentDefinition(
            name,
            type,
            string.IsNullOrEmpty(version) || version == "v0" ? "v1" : version,
            items,
            Scalar(Map(root, "auth"), "secretStore"),
            Strings(root, "scopes"),
            string.Equals(Scalar(spec, "ignoreErrors"), "true", StringComparison.OrdinalIgnoreCase),
            file);
    }

    private static SubscriptionDefinition ReadSubscription(Dictionary<object, object> root, string file, string? apiVersion)
    {
        var name = Scalar(Map(root, "metadata"), "name") ?? "";
        var spec = Map(root, "spec");
        var pubsub = Scalar(spec, "pubsubname");
        var topic = Scalar(spec, "topic");
        if (string.IsNullOrWhiteSpace(pubsub) || string.IsNullOrWhiteSpace(topic))
        {
            throw new ComponentLoadException($"{file}: subscription '{name}' needs spec.pubsubname and spec.topic");
        }

        var rules = new List<RouteRule>();
        string? defaultRoute;
        if (apiVersion == "dapr.io/v1alpha1")
        {
            defaultRoute = Scalar(spec, "route");
        }
        else
        {
            var routes = Map(spec, "routes");
            defaultRoute = Scalar(routes, "default");
            foreach (var rule in List(routes, "rules").OfType<Dictionary<object, object>>())
            {
                rules.Add(new RouteRule(Scalar(rule, "match") ?? "", Scalar(rule, "path") ?? ""));
            }
        }

        var metadata = Map(spec, "metadata").ToDictionary(kv => kv.Key.ToString()!, kv => ToText(kv.Value) ?? "");
        return new SubscriptionDefinition(name, pubsub, topic, rules, defaultRoute, metadata,
            Scalar(spec, "deadLetterTopic"), Strings(root, "scopes"), file);
    }

    private static Dictionary<object, object> Map(Dictionary<object, object>? parent, string key) =>
        parent is not null && parent.TryGetValue(key, out var value) && value is Dictionary<object, object> map ? map : [];

    private static List<object> List(Dictionary<object, object> parent, string key) =>
        parent.TryGetValue(key, out var value) && value is List<object> list ? list : [];

    private static List<string> Strings(Dictionary<object, object> parent, string key) =>
        List(parent, key).Select(ToText).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();

    private static string? Scalar(Dictionary<object, object>? parent, string key) =>
        parent is not null && parent.TryGetValue(key, out var value) ? ToText(value) : null;

    // daprd converts any YAML scalar to its string form.
    private static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>Everything one or more resource folders declare.</summary>
public sealed record LoadedResources(IReadOnlyList<ComponentDefinition> Components, IReadOnlyList<SubscriptionDefinition> Subscriptions)
{
    /// <summary>Configuration resources (kind: Configuration), picked by name by the sidecars.</summary>
    public IReadOnlyList<Configuration.ConfigurationResource> Configurations { get; init; } = [];

    /// <summary>Resiliency resources (kind: Resiliency), in load order.</summary>
    public IReadOnlyList<Resiliency.ResiliencyResource> Resiliencies { get; init; } = [];
}
