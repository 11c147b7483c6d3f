using System.Diagnostics;
using Todo.AppHost.Tests.Infrastructure;

namespace Todo.AppHost.Tests.CommandLine;

/// <summary>
/// The bench's command line (System.CommandLine), run as the real program: <c>--help</c> lists every scenario and
/// option, a mistake is named on stderr with exit code 2 before any scenario starts. (Here because the bench has no
/// test project of its own and, like the AppHost, is a tool run from the repository.)
/// </summary>
public sealed class BenchCommandLineTests
{
    private static readonly string[] Scenarios = ["invoke", "tasks", "kafka", "reminders", "fuzz"];

    // Every option the README and the scenarios use; a new option belongs here and in the README.
    private static readonly string[] Options = ["--rate", "--duration", "--warmup", "--requests", "--seed"];

    [Theory]
    [InlineData]
    [InlineData("--help")]
    public async Task HelpListsEveryScenarioAndOptionWithADescriptionAndExitsZero(params string[] args)
    {
        var (exitCode, output, _) = await RunAsync(args);

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n');
        foreach (var name in Scenarios.Concat(Options))
        {
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Matches(@"\S\s{2,}\S.{9,}", line);
        }
    }

    [Fact]
    public async Task EachScenarioAcceptsEveryOption()
    {
        var (exitCode, output, _) = await RunAsync("kafka", "--help");

        Assert.Equal(0, exitCode);
        Assert.All(Options, option => Assert.Contains($"  {option} <", output));
    }

    [Theory]
    [InlineData(new[] { "invoke", "--rates", "100" }, "Unrecognized command or argument '--rates'")]
    [InlineData(new[] { "throughput" }, "Unrecognized command or argument 'throughput'")]
    [InlineData(new[] { "invoke", "--rate", "0" }, "--rate expects a positive whole number")]
    [InlineData(new[] { "fuzz", "--seed" }, "--seed")]
    public async Task AMistakeIsNamedOnStderrWithExitCode2BeforeAnyScenarioRuns(string[] args, string named)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(named, error);
        Assert.Empty(output);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(RepoRoot.Path, "bench", "Todo.Benchmarks", "bin", configuration, "net10.0", "Todo.Benchmarks.dll");
        Assert.True(File.Exists(dll), $"build bench/Todo.Benchmarks first: {dll}");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
