namespace Todo.DaprEmulator.Components;

/// <summary>A component definition and its live instance (a state store, a pub/sub, a secret store).</summary>
public sealed record LoadedComponent(ComponentDefinition Definition, object Instance)
{
    /// <summary>The metadata the component was initialised with (secret and env references resolved).</summary>
    public IReadOnlyDictionary<string, string> ResolvedMetadata { get; init; } = new Dictionary<string, string>();
}
