namespace Todo.DaprEmulator.Components;

/// <summary>A component definition and its live instance (a state store, a pub/sub, a secret store).</summary>
public sealed record LoadedComponent(ComponentDefinition Definition, object Instance);
