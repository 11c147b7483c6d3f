using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.Resiliency;

/// <summary>
/// The Resiliency resources of the resources folders. Each sidecar takes those whose <c>scopes</c> are empty or name
/// its app id (dapr/dapr pkg/resiliency/resiliency.go <c>filterResiliencyConfigs</c>) and builds its own provider,
/// so circuit breakers are per sidecar (per replica), as they are per daprd.
/// </summary>
public sealed class ResiliencyRegistry(IReadOnlyList<ResiliencyResource> resources, TimeProvider time, ILoggerFactory loggerFactory)
{
    public IReadOnlyList<ResiliencyResource> Resources { get; } = resources;

    internal SidecarResiliency For(string appId) =>
        new(Resources.Where(r => r.Scopes.Count == 0 || r.Scopes.Contains(appId, StringComparer.Ordinal)),
            time, loggerFactory.CreateLogger($"Todo.DaprEmulator.Resiliency.{appId}"));
}
