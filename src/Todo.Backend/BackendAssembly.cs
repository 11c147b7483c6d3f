namespace Todo.Backend;

/// <summary>
/// A type that names this assembly for <c>WebApplicationFactory</c> in hosts that load several apps (benchmarks,
/// end-to-end tests), where the global <c>Program</c> of each app would clash.
/// </summary>
public sealed class BackendAssembly;
