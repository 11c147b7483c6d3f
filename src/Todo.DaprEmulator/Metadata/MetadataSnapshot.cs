using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Metadata;

/// <summary>What <c>GET /v1.0/metadata</c> and gRPC <c>GetMetadata</c> report for one sidecar.</summary>
internal static class MetadataSnapshot
{
    public static object ForHttp(Sidecar sidecar, ComponentRegistry registry) => new
    {
        id = sidecar.AppId,
        runtimeVersion = RuntimeInfo.VersionOf(sidecar),
        enabledFeatures = Array.Empty<string>(),
        components = Components(sidecar, registry).Select(c => new { name = c.Name, type = c.Type, version = c.Version, capabilities = c.Capabilities }),
        extended = new Dictionary<string, string>(sidecar.ExtendedMetadata) { ["daprRuntimeVersion"] = RuntimeInfo.VersionOf(sidecar) },
        subscriptions = sidecar.Subscriptions.Select(s => new
        {
            pubsubname = s.PubSubName,
            topic = s.Topic,
            metadata = s.Metadata.Count == 0 ? null : s.Metadata,
            // daprd omits an empty match (json omitempty): the default route is a rule with only a path.
            rules = s.Rules.Select(r => new { match = string.IsNullOrEmpty(r.Match) ? null : r.Match, path = r.Path }),
            deadLetterTopic = s.DeadLetterTopic ?? "", // not omitempty in daprd
            type = s.Type,
        }),
        appConnectionProperties = sidecar.AppChannel.Port is { } port
            ? new { port, protocol = "http", channelAddress = sidecar.Options.AppChannelAddress }
            : null,
        actorRuntime = new { runtimeStatus = "DISABLED", hostReady = false },
        scheduler = new { connected_addresses = new[] { "todo-dapr-emulator" } },
    };

    public static IEnumerable<(string Name, string Type, string Version, IReadOnlyList<string> Capabilities)> Components(Sidecar sidecar, ComponentRegistry registry) =>
        registry.All
            .Where(c => c.Definition.IsVisibleTo(sidecar.AppId))
            .Select(c => (c.Definition.Name, c.Definition.Type, c.Definition.Version,
                (c.Instance as IComponentCapabilities)?.Capabilities ?? (IReadOnlyList<string>)[]));
}
