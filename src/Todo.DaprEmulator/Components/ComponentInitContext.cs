using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.Components;

/// <summary>What a component factory gets: its definition with metadata already resolved (secrets, env refs).</summary>
public sealed class ComponentInitContext(
    ComponentDefinition definition,
    IReadOnlyDictionary<string, string> metadata,
    string workingDirectory,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider)
{
    public ComponentDefinition Definition { get; } = definition;

    /// <summary>Resolved metadata; names are case-insensitive as in components-contrib.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>Sidecars carry their own POD_NAME (replicas), so <c>{podName}</c> expands per sidecar.</summary>
    public bool PodNamesGiven { get; init; }

    /// <summary>The sidecars' NAMESPACE (null when unset, as in self-hosted daprd).</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// The daprd release imitated, and so the components-contrib release it ships (daprd v1.17.13 go.mod: contrib
    /// v1.17.8; v1.18.3: contrib v1.18.4), for components whose behaviour changed between them.
    /// </summary>
    public Hosting.DaprVersion DaprVersion { get; init; } = Hosting.DaprVersion.Default;

    /// <summary>The emulator's file of Kubernetes Secret manifests, for <c>secretstores.kubernetes</c>.</summary>
    public string? KubernetesSecretsFile { get; init; }

    public string? Get(string name) =>
        Metadata.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>A required metadata value, or a start-up error that names the file, component and field.</summary>
    public string GetRequired(string name) =>
        Get(name) ?? throw ComponentLoadException.For(Definition, $"required metadata '{name}' is missing or empty");

    /// <summary>Resolves a relative path the way daprd does: against the runtime's working directory.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, workingDirectory);
}

/// <summary>Creates a component instance from its resolved definition.</summary>
public delegate ValueTask<object> ComponentFactory(ComponentInitContext context, CancellationToken cancellationToken);
