namespace Todo.DaprEmulator.Components;

/// <summary>A Dapr <c>Component</c> resource as read from YAML (dapr.io/v1alpha1).</summary>
public sealed record ComponentDefinition(
    string Name,
    string Type,
    string Version,
    IReadOnlyList<ComponentMetadataItem> Metadata,
    string? AuthSecretStore,
    IReadOnlyList<string> Scopes,
    bool IgnoreErrors,
    string SourceFile)
{
    /// <summary>The category part of the type, e.g. <c>state</c> for <c>state.sqlite</c>.</summary>
    public string Category => Type.Split('.', 2)[0];

    /// <summary>True when the component is visible to <paramref name="appId"/> (no scopes means every app).</summary>
    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}

/// <summary>One <c>spec.metadata</c> entry: a plain value, a secret reference or an environment reference.</summary>
public sealed record ComponentMetadataItem(string Name, string? Value, SecretKeyRef? SecretKeyRef, string? EnvRef);

/// <summary><c>secretKeyRef: {name, key}</c>; key defaults to name.</summary>
public sealed record SecretKeyRef(string Name, string? Key);
