using Todo.AppHost.Hosting;
using Todo.AppHost.Output;
using Todo.AppHost.Ports;
using Todo.AppHost.Template;
using Todo.DaprEmulator.CommandLine;
using Todo.DaprEmulator.Components;

// dotnet run --project src/Todo.AppHost [-- --port-offset N | --random-ports | --no-build | --file dapr.yaml | --help]
// Reads the Dapr multi-app run template, starts one emulated sidecar per app in this process, builds and starts the
// apps, and streams everything into one prefixed log. Ctrl+C stops it all. The options: Hosting/AppHostCommandLine.cs.
var commandLine = new AppHostCommandLine();
var parse = commandLine.Command.Parse(args);
if (HelpOrErrors.Answer(parse, Console.Out, Console.Error, AppHostCommandLine.UsageExitCode) is { } answered)
{
    return answered;
}

var output = ConsoleOutput.ForConsole();
try
{
    var options = commandLine.ToOptions(parse);
    using var signals = new StopSignals(options.ExitOnStdinClose);
    return await new AppHostRunner(options, output).RunAsync(signals);
}
catch (Exception ex) when (ex is AppHostException or RunTemplateException or PortInUseException or ComponentLoadException)
{
    output.Error(ex.Message);
    return 1;
}
