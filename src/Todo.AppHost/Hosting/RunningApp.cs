using Todo.AppHost.Processes;
using Todo.AppHost.Template;
using Todo.DaprEmulator.Hosting;

namespace Todo.AppHost.Hosting;

/// <summary>An app of the template while it runs: its process and its sidecar.</summary>
internal sealed record RunningApp(TemplateApp App, int? AppPort, Sidecar Sidecar, ChildProcess Process)
{
    public Uri? Url => AppPort is { } port ? new Uri($"http://{App.AppChannelAddress}:{port}") : null;
}
