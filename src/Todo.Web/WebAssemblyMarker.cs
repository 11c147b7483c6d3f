namespace Todo.Web;

/// <summary>
/// A type of the Todo.Web assembly (not Blazor WebAssembly: this app is Blazor Server) for hosts that load several
/// apps (Todo.Web.Tests, Todo.EndToEnd.Tests, the benchmarks' WebApplicationFactory) and so cannot name the global
/// <c>Program</c> that each app defines.
/// </summary>
public sealed class WebAssemblyMarker;
