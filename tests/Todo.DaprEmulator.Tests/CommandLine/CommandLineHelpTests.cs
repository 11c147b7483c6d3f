using Todo.DaprEmulator.CommandLine;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Tests.CommandLine;

/// <summary>
/// The emulator's command line (System.CommandLine): <c>--help</c> documents every option, a mistake is named on
/// stderr with exit code 2. Run in-process with their own writers, so nothing here touches the process's Console.
/// </summary>
public sealed class CommandLineHelpTests
{
    // Every option the README's table and the tool's users rely on; a new option belongs here and in the README.
    private static readonly string[] Options =
        ["--resources-path", "--dapr-version", "--namespace", "--kubernetes-secrets", "--config", "--app"];

    [Fact]
    public async Task HelpListsEveryOptionWithADescriptionAndExitsZero()
    {
        var (exitCode, output, error) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        var lines = output.Split('\n');
        foreach (var option in Options)
        {
            // "  --namespace <NS>   The namespace ..." : the option, its value name, then words describing it.
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.Matches(@"\S\s{2,}\S.{9,}", line);
        }
    }

    [Fact]
    public void TheCommandHasNoOptionTheHelpTestDoesNotKnow()
    {
        var declared = new EmulatorCommandLine().Command.Options.Select(o => o.Name).Except(["--help", "--version"]);

        Assert.Equal(Options.Order(), declared.Order());
    }

    [Fact]
    public async Task AnUnknownOptionIsNamedOnStderrWithExitCode2()
    {
        var (exitCode, output, error) = await RunAsync("--app", "app-a:0:0:0", "--resource-path", "./components");

        Assert.Equal(EmulatorProgram.UsageExitCode, exitCode);
        Assert.Contains("Unrecognized command or argument '--resource-path'", error);
        Assert.Contains("--resources-path", error); // the help that follows shows the right spelling
        Assert.Empty(output);
    }

    [Fact]
    public async Task AnUnsupportedDaprVersionIsNamedWithTheSupportedOnes()
    {
        var (exitCode, _, error) = await RunAsync("--app", "app-a:0:0:0", "--dapr-version", "1.16");

        Assert.Equal(EmulatorProgram.UsageExitCode, exitCode);
        Assert.Contains("Dapr version '1.16' is not one the emulator imitates; use one of 1.17, 1.18, 1.19.", error);
    }

    [Fact]
    public void WithoutDaprVersionTheSidecarsImitateTheOldestSupportedRelease()
    {
        var commandLine = new EmulatorCommandLine();

        var options = commandLine.ToOptions(commandLine.Command.Parse(["--app", "app-a:0:0:0"]));

        Assert.Same(DaprVersion.V1_17, options.DaprVersion);
        Assert.Same(DaprVersion.Supported.MinBy(v => v.Minor), options.DaprVersion);
    }

    [Fact]
    public void EveryOptionReachesTheEmulatorsSettings()
    {
        var commandLine = new EmulatorCommandLine();
        var parse = commandLine.Command.Parse([
            "--resources-path", "components", "--resources-path", "more",
            "--dapr-version", "v1.18",
            "--namespace", "todo",
            "--kubernetes-secrets", "secrets.yaml",
            "--config", "app-a=todo-config",
            "--app", "app-a:5000:3500:50001", "--app", "app-b:0:0:0",
        ]);
        Assert.Empty(parse.Errors);

        var options = commandLine.ToOptions(parse);

        Assert.Equal([Path.GetFullPath("components"), Path.GetFullPath("more")], options.ResourcesPaths);
        Assert.Same(DaprVersion.V1_18, options.DaprVersion);
        Assert.Equal("todo", options.Namespace);
        Assert.Equal(Path.GetFullPath("secrets.yaml"), options.KubernetesSecretsFile);
        Assert.Collection(options.Apps,
            a => Assert.Equal(("app-a", (int?)5000, 3500, 50001, "todo-config"), (a.AppId, a.AppPort, a.HttpPort, a.GrpcPort, a.ConfigName)),
            b => Assert.Equal(("app-b", (int?)null, 0, 0, (string?)null), (b.AppId, b.AppPort, b.HttpPort, b.GrpcPort, b.ConfigName)));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await EmulatorProgram.RunAsync(args, output, error).WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, output.ToString(), error.ToString());
    }
}
