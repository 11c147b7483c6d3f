using System.Globalization;
using Todo.AppHost.Ports;
using Todo.DaprEmulator.Hosting;

namespace Todo.AppHost.Hosting;

/// <summary>The AppHost's command line.</summary>
internal sealed record AppHostOptions
{
    public const string Usage = """
        Runs the apps of a Dapr multi-app run template with emulated sidecars.
        usage: dotnet run --project src/Todo.AppHost -- [options]
          --file PATH             run template (default: dapr.yaml in the current folder or a parent)
          --port-offset N         add N to every port of the template (run a second copy next to the first)
          --random-ports          pick every app and sidecar port free (tests, parallel runs)
          --no-build              the apps are built already: skip the up-front build
          --exit-on-stdin-close   stop everything when stdin reaches end of file (for tools and tests)
          --dapr-version V        the Dapr release the sidecars imitate: 1.17, 1.18 (default) or 1.19
          --traces                the apps print their OpenTelemetry spans to the log (one trace id per user action)
        """;

    public string? File { get; init; }

    public PortMode Ports { get; init; } = new PortMode.AsWritten();

    public bool NoBuild { get; init; }

    public bool ExitOnStdinClose { get; init; }

    public bool ShowHelp { get; init; }

    public DaprVersion DaprVersion { get; init; } = DaprVersion.V1_18;

    public bool Traces { get; init; }

    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AppHostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--file" or "-f" => options with { File = Value(args, ref i) },
                "--port-offset" => options with { Ports = new PortMode.Offset(Int(args, ref i)) },
                "--random-ports" => options with { Ports = new PortMode.Random() },
                "--no-build" => options with { NoBuild = true },
                "--exit-on-stdin-close" => options with { ExitOnStdinClose = true },
                "--dapr-version" => options with { DaprVersion = Version(Value(args, ref i)) },
                "--traces" => options with { Traces = true },
                "--help" or "-h" or "-?" => options with { ShowHelp = true },
                var other => throw new AppHostException($"unknown option '{other}'\n{Usage}"),
            };
        }

        return options;
    }

    private static DaprVersion Version(string text)
    {
        try
        {
            return DaprVersion.Parse(text);
        }
        catch (ArgumentException ex)
        {
            throw new AppHostException(ex.Message);
        }
    }

    /// <summary>The template to run: --file, else dapr.yaml in the current folder or the nearest parent that has one.</summary>
    public string ResolveTemplatePath()
    {
        if (File is not null)
        {
            return Path.GetFullPath(File);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "dapr.yaml");
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new AppHostException("no dapr.yaml in this folder or any parent; pass --file PATH");
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new AppHostException($"{args[i]} needs a value\n{Usage}");

    private static int Int(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AppHostException($"{name} expects a whole number, got '{text}'");
    }
}
