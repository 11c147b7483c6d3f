namespace Todo.DaprEmulator.Components;

/// <summary>Implemented by components that report features in the metadata API (e.g. ETAG, TRANSACTIONAL, TTL).</summary>
public interface IComponentCapabilities
{
    IReadOnlyList<string> Capabilities { get; }
}
