using System.CommandLine;
using System.CommandLine.Parsing;
using Todo.AppHost.Ports;
using Todo.DaprEmulator.CommandLine;
using Todo.DaprEmulator.Hosting;

namespace Todo.AppHost.Hosting;

/// <summary>
/// The AppHost's options (<c>dotnet run --project src/Todo.AppHost -- [options]</c>), read into
/// <see cref="AppHostOptions"/>. A new instance per parse: System.CommandLine symbols are not shared between runs.
/// </summary>
internal sealed class AppHostCommandLine
{
    /// <summary>Exit code of a command line that cannot be read; the same as any other failure to start, as before.</summary>
    public const int UsageExitCode = 1;

    private readonly Option<string?> _file = new("--file", "-f")
    {
        Description = "The run template, or a folder holding dapr.yaml (default: dapr.yaml in the current folder or a parent)",
        HelpName = "PATH",
    };

    private readonly Option<int?> _portOffset = new("--port-offset")
    {
        Description = "Add N to every port of the template (run a second copy next to the first)",
        HelpName = "N",
    };

    private readonly Option<bool> _randomPorts = new("--random-ports")
    {
        Description = "Pick every app and sidecar port free (tests, parallel runs)",
    };

    private readonly Option<bool> _noBuild = new("--no-build")
    {
        Description = "The apps are built already: skip the up-front build",
    };

    private readonly Option<bool> _exitOnStdinClose = new("--exit-on-stdin-close")
    {
        Description = "Stop everything when stdin reaches end of file (for tools and tests)",
    };

    private readonly Option<DaprVersion?> _daprVersion = new("--dapr-version")
    {
        Description = $"The Dapr release the sidecars imitate: {string.Join(", ", DaprVersion.Supported.Select(v => $"1.{v.Minor}"))}. " +
            $"Overrides the template's daprVersion; without either, 1.{DaprVersion.Default.Minor} (the oldest supported)",
        HelpName = "VERSION",
        CustomParser = DaprVersionParser.Parse,
    };

    private readonly Option<bool> _traces = new("--traces")
    {
        Description = "The apps print their OpenTelemetry spans to the log (one trace id per user action)",
    };

    public AppHostCommandLine()
    {
        Command = new RootCommand("Runs the apps of a Dapr multi-app run template (dapr.yaml) with emulated sidecars, in one log.")
        {
            _file, _portOffset, _randomPorts, _noBuild, _exitOnStdinClose, _daprVersion, _traces,
        };
        // Both choose every port; taking the last one silently would hide which the user meant.
        Command.Validators.Add(result =>
        {
            if (result.GetResult(_portOffset) is not null && result.GetResult(_randomPorts) is not null)
            {
                result.AddError("--port-offset and --random-ports cannot be combined");
            }
        });
    }

    public RootCommand Command { get; }

    /// <summary>The AppHost's settings from a parse without errors.</summary>
    public AppHostOptions ToOptions(ParseResult parse) => new()
    {
        File = parse.GetValue(_file),
        Ports = parse.GetValue(_randomPorts) ? new PortMode.Random()
            : parse.GetValue(_portOffset) is { } offset ? new PortMode.Offset(offset)
            : new PortMode.AsWritten(),
        NoBuild = parse.GetValue(_noBuild),
        ExitOnStdinClose = parse.GetValue(_exitOnStdinClose),
        DaprVersion = parse.GetValue(_daprVersion),
        Traces = parse.GetValue(_traces),
    };
}
