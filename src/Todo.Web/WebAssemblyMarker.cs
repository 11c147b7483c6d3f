namespace Todo.Web;

/// <summary>
/// A type of this assembly for hosts that load several apps (end-to-end tests) and so cannot name the global
/// <c>Program</c> that each app defines.
/// </summary>
public sealed class WebAssemblyMarker;
