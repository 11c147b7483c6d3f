namespace Todo.Testing;

/// <summary>Dapr Component YAML for tests, so each test states only what differs from the usual local set.</summary>
public static class ComponentYaml
{
    public static readonly string InMemoryStateStore = Component("statestore", "state.in-memory");

    public static readonly string InMemoryPubSub = Component("pubsub", "pubsub.in-memory");

    /// <summary>A <c>secretstores.local.file</c> named <c>secretstore</c> reading <paramref name="secretsFile"/>.</summary>
    public static string LocalFileSecretStore(string secretsFile) =>
        Component("secretstore", "secretstores.local.file", ("secretsFile", secretsFile));

    /// <summary>One Component document; metadata values are written as quoted YAML strings.</summary>
    public static string Component(string name, string type, params (string Name, string Value)[] metadata) =>
        Component(name, type, metadata.Select(m => KeyValuePair.Create(m.Name, m.Value)));

    /// <summary>One Component document, limited to <paramref name="scopes"/> (app ids) when any are given.</summary>
    public static string Component(string name, string type, IEnumerable<KeyValuePair<string, string>> metadata, IEnumerable<string>? scopes = null)
    {
        var items = metadata.ToList();
        var lines = items.Count == 0
            ? "  metadata: []"
            : "  metadata:\n" + string.Join('\n', items.Select(m => $"  - name: {m.Key}\n    value: \"{m.Value}\""));
        var scopeList = scopes?.ToList() ?? [];
        var scoped = scopeList.Count == 0 ? "" : "\nscopes:\n" + string.Join('\n', scopeList.Select(scope => $"- {scope}"));
        return $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: {type}
              version: v1
            {lines}{scoped}
            """;
    }

    /// <summary>A Configuration document; <paramref name="spec"/> is the YAML under <c>spec:</c>, indented by two.</summary>
    public static string Configuration(string name, string spec) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Configuration
        metadata:
          name: {name}
        spec:
        {spec}
        """;

    /// <summary>Several documents in one file.</summary>
    public static string Join(params string[] documents) => string.Join("\n---\n", documents);
}
