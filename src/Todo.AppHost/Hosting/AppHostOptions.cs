using Todo.AppHost.Ports;
using Todo.AppHost.Template;
using Todo.DaprEmulator.Hosting;

namespace Todo.AppHost.Hosting;

/// <summary>What the AppHost was asked to do (read from its command line by <see cref="AppHostCommandLine"/>).</summary>
internal sealed record AppHostOptions
{
    public string? File { get; init; }

    public PortMode Ports { get; init; } = new PortMode.AsWritten();

    public bool NoBuild { get; init; }

    public bool ExitOnStdinClose { get; init; }

    /// <summary>--dapr-version; null leaves it to the template's <c>daprVersion</c>, then to <see cref="DaprVersion.Default"/>.</summary>
    public DaprVersion? DaprVersion { get; init; }

    public bool Traces { get; init; }

    /// <summary>The release the sidecars imitate: the command line's, else the template's, else the oldest supported.</summary>
    public DaprVersion DaprVersionFor(RunTemplate template) => DaprVersion ?? template.DaprVersion ?? DaprVersion.Default;

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
}
