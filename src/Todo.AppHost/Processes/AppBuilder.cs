using System.Diagnostics;
using Todo.AppHost.Hosting;
using Todo.AppHost.Output;
using Todo.AppHost.Template;

namespace Todo.AppHost.Processes;

/// <summary>
/// Builds every <c>dotnet run</c> app once, one after the other, before anything starts (see <see cref="DotnetRunCommand"/>).
/// A successful build shows only its warnings (MSBuild prints its summary even when asked not to); a failed one shows all.
/// </summary>
internal static class AppBuilder
{
    public static async Task BuildAsync(IEnumerable<TemplateApp> apps, ConsoleOutput output, CancellationToken cancellationToken)
    {
        foreach (var app in apps.Where(a => DotnetRunCommand.Matches(a.Command)))
        {
            var arguments = DotnetRunCommand.BuildArguments(app.Command);
            output.Info($"building {app.AppId}: dotnet {string.Join(' ', arguments)}");
            var clock = Stopwatch.StartNew();
            var captured = new StringWriter();
            var source = $"build {app.AppId}";
            await using var build = ChildProcess.Start(source, [app.Command[0], .. arguments], app.AppDirPath,
                new Dictionary<string, string?>(), new ConsoleOutput(captured, colour: false));
            try
            {
                await build.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await build.StopAsync(TimeSpan.FromSeconds(5));
                throw;
            }

            var prefix = $"[{source}] ";
            var lines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..].Trim() : "")
                .Where(line => line.Length > 0);
            var failed = build.ExitCode != 0;
            foreach (var line in lines.Where(l => failed || l.Contains(": warning ", StringComparison.Ordinal)).Distinct())
            {
                output.WriteLine(source, line, error: failed && line.Contains(": error ", StringComparison.Ordinal));
            }

            if (failed)
            {
                throw new AppHostException($"building {app.AppId} failed (dotnet build exited with {build.ExitCode}); see the errors above");
            }

            output.Info($"built {app.AppId} in {clock.Elapsed.TotalSeconds:F1} s");
        }
    }
}
