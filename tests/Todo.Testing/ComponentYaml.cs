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
    public static string Component(string name, string type, params (string Name, string Value)[] metadata)
    {
        var lines = metadata.Length == 0
            ? "  metadata: []"
            : "  metadata:\n" + string.Join('\n', metadata.Select(m => $"  - name: {m.Name}\n    value: \"{m.Value}\""));
        return $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: {type}
              version: v1
            {lines}
            """;
    }

    /// <summary>Several documents in one file.</summary>
    public static string Join(params string[] documents) => string.Join("\n---\n", documents);
}
