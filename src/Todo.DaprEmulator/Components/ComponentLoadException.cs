namespace Todo.DaprEmulator.Components;

/// <summary>
/// Thrown when a resources folder cannot be loaded. The message always names the file, the resource and the problem,
/// because start-up must stop with something a person can fix.
/// </summary>
public sealed class ComponentLoadException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static ComponentLoadException For(ComponentDefinition component, string problem) =>
        new($"{component.SourceFile}: component '{component.Name}' ({component.Type}): {problem}");
}
