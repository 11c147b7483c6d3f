using YamlDotNet.RepresentationModel;

namespace Todo.EndToEnd.Tests.Cluster;

/// <summary>One pod of a rendered Deployment: its app container's env and the dapr.io/* annotations of its template.</summary>
internal sealed record PodSpec(string Name, IReadOnlyDictionary<string, string> Annotations, IReadOnlyList<EnvEntry> Env)
{
    public string AppId => Annotations["dapr.io/app-id"];

    public string? Annotation(string name) => Annotations.GetValueOrDefault(name);
}

/// <summary>An env entry as written: a value, a Secret key reference, or a field of the pod.</summary>
internal sealed record EnvEntry(string Name, string? Value, (string Secret, string Key)? SecretKeyRef, string? FieldPath);

/// <summary>
/// What the rehearsal takes from the charts: <c>helm template</c> with the real helm (scripts/install-tools.sh puts it in
/// .tools/), then each Deployment's pod template. The sidecar settings follow the injector's semantics
/// (dapr/dapr pkg/injector/patcher/sidecar_container.go): the token Secrets named by the annotations go to daprd only;
/// the app container gets exactly its own env, plus DAPR_HTTP_PORT and DAPR_GRPC_PORT.
/// </summary>
internal static class PodInjector
{
    public static IReadOnlyList<PodSpec> Render(string repoRoot, string release, string chart, int replicas, params string[] sets)
    {
        string[] arguments = ["template", release, Path.Combine(repoRoot, "helm", chart), "-n", "todo", .. sets.SelectMany(s => new[] { "--set", s })];
        var rendered = HelmCli.Run(arguments);
        if (rendered.ExitCode != 0)
        {
            throw new InvalidOperationException($"helm template {chart} failed: {rendered.Stderr}");
        }

        var output = rendered.Stdout;
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        var deployment = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
            .Single(node => Scalar(node, "kind") == "Deployment");
        var template = (YamlMappingNode)At(deployment, "spec", "template");
        var annotations = ((YamlMappingNode)At(template, "metadata", "annotations")).Children
            .ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value ?? "", StringComparer.Ordinal);
        var container = (YamlMappingNode)((YamlSequenceNode)At(template, "spec", "containers")).Children[0];
        var env = ((YamlSequenceNode)container.Children[new YamlScalarNode("env")]).Children.OfType<YamlMappingNode>().Select(ReadEnv).ToList();
        var name = Scalar((YamlMappingNode)deployment.Children[new YamlScalarNode("metadata")], "name")!;
        return Enumerable.Range(0, replicas).Select(i => new PodSpec($"{name}-{i}", annotations, env)).ToList();
    }

    /// <summary>The app container's environment as the kubelet resolves it.</summary>
    public static Dictionary<string, string> ResolveEnv(PodSpec pod, Func<string, string, string> secret) =>
        pod.Env.ToDictionary(e => e.Name, e => e switch
        {
            { Value: { } value } => value,
            { SecretKeyRef: { } reference } => secret(reference.Secret, reference.Key),
            { FieldPath: "metadata.name" } => pod.Name,
            { FieldPath: "metadata.namespace" } => "todo",
            _ => throw new InvalidOperationException($"{pod.Name}: env {e.Name} has a source the rehearsal does not know"),
        }, StringComparer.Ordinal);

    private static EnvEntry ReadEnv(YamlMappingNode node)
    {
        var name = Scalar(node, "name")!;
        if (!node.Children.TryGetValue(new YamlScalarNode("valueFrom"), out var from))
        {
            return new EnvEntry(name, Scalar(node, "value") ?? "", null, null);
        }

        var source = (YamlMappingNode)from;
        if (source.Children.TryGetValue(new YamlScalarNode("secretKeyRef"), out var secret))
        {
            return new EnvEntry(name, null, (Scalar((YamlMappingNode)secret, "name")!, Scalar((YamlMappingNode)secret, "key")!), null);
        }

        return new EnvEntry(name, null, null, Scalar((YamlMappingNode)At(source, "fieldRef"), "fieldPath"));
    }

    private static YamlNode At(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var step in path)
        {
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(step)];
        }

        return current;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
