namespace Todo.DaprEmulator.Hosting;

/// <summary>Settings of one emulator process.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Folders of Dapr resource YAML (Component, Subscription).</summary>
    public IReadOnlyList<string> ResourcesPaths { get; init; } = [];

    /// <summary>Relative paths in component metadata resolve against this folder (daprd's working directory).</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Address the sidecar APIs bind to.</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    public IReadOnlyList<SidecarOptions> Apps { get; init; } = [];

    /// <summary>The daprd release to imitate (routes, RPCs, reported version); the oldest supported one by default.</summary>
    public DaprVersion DaprVersion { get; init; } = DaprVersion.Default;

    /// <summary>Namespace used in metadata and caller headers (NAMESPACE in daprd).</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// A file of Kubernetes Secret manifests (as <c>kubectl get secret -o yaml</c> prints them) standing in for the
    /// cluster's Secrets: read by every <c>secretstores.kubernetes</c> component without an <c>emulatorSecretsFile</c>,
    /// and, as daprd does in Kubernetes mode, served by a built-in store named <c>kubernetes</c>.
    /// </summary>
    public string? KubernetesSecretsFile { get; init; }
}
