namespace Todo.Backend;

/// <summary>
/// A type of this assembly for hosts that load several apps (end-to-end tests, benchmarks) and so cannot name the
/// global <c>Program</c> that each app defines.
/// </summary>
public sealed class BackendAssemblyMarker;
