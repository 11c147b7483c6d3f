namespace Todo.Backend;

/// <summary>A type of this assembly for test hosts that also load todo-web (both define a global Program).</summary>
public sealed class BackendAssemblyMarker;
