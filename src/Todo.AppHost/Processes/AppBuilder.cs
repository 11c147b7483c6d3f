using Todo.AppHost.Output;
using Todo.AppHost.Template;

using Todo.AppHost.Hosting;

namespace Todo.AppHost.Processes;

/// <summary>
/// Builds every <c>dotnet run</c> app once, one after the other, before anything starts (see <see cref="DotnetRunCommand"/>).
/// </summary>
internal static class AppBuilder
{
    public static async Task BuildAsync(IEnumerable<TemplateApp> apps, ConsoleOutput output, CancellationToken cancellationToken)
    {
        foreach (var app in apps.Where(a => DotnetRunCommand.Matches(a.Command)))
        {
            var arguments = DotnetRunCommand.BuildArguments(app.Command);
            output.Info($"building {app.AppId}: dotnet {string.Join(' ', arguments)}");
            await using var build = ChildProcess.Start($"build {app.AppId}", [app.Command[0], .. arguments], app.AppDirPath,
                new Dictionary<string, string?>(), output);
            try
            {
                await build.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await build.StopAsync(TimeSpan.FromSeconds(5));
                throw;
            }

            if (build.ExitCode != 0)
            {
                throw new AppHostException($"building {app.AppId} failed (dotnet build exited with {build.ExitCode}); see the errors above");
            }
        }
    }
}
