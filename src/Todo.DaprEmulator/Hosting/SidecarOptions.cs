namespace Todo.DaprEmulator.Hosting;

/// <summary>One hosted sidecar: the app it serves and the ports it listens on (0 = pick a free port).</summary>
public sealed record SidecarOptions
{
    public required string AppId { get; init; }

    /// <summary>The app's port; null when the app is not known yet (set it later with <see cref="Sidecar.ConnectApp"/>).</summary>
    public int? AppPort { get; init; }

    public string AppChannelAddress { get; init; } = "127.0.0.1";

    public int HttpPort { get; init; }

    public int GrpcPort { get; init; }

    /// <summary>DAPR_API_TOKEN of this sidecar: required from callers of its API when set.</summary>
    public string? DaprApiToken { get; init; }

    /// <summary>
    /// POD_NAME of this instance (Kubernetes sets it on daprd); replicas of one app id each have their own. Expands
    /// <c>{podName}</c> in component metadata for this sidecar.
    /// </summary>
    public string? PodName { get; init; }

    /// <summary>APP_API_TOKEN of this sidecar: sent to the app as <c>dapr-api-token</c> when set.</summary>
    public string? AppApiToken { get; init; }

    /// <summary>
    /// The Configuration resource (by <c>metadata.name</c>, from the resources paths) this sidecar applies, as daprd
    /// applies the one named by the <c>dapr.io/config</c> annotation; null = daprd's default configuration.
    /// </summary>
    public string? ConfigName { get; init; }
}
