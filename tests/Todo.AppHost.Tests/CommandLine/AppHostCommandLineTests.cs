using Todo.AppHost.Hosting;
using Todo.AppHost.Ports;
using Todo.AppHost.Template;
using Todo.AppHost.Tests.Infrastructure;
using Todo.DaprEmulator.Hosting;

namespace Todo.AppHost.Tests.CommandLine;

/// <summary>
/// The AppHost's command line (System.CommandLine): the real AppHost answers <c>--help</c> and a mistake before it
/// reads any template, and every option reaches <see cref="AppHostOptions"/> with the meaning the README gives it.
/// </summary>
public sealed class AppHostCommandLineTests
{
    // Every option the README and the tests use; a new option belongs here and in the README.
    private static readonly string[] Options =
        ["--file", "--port-offset", "--random-ports", "--no-build", "--exit-on-stdin-close", "--dapr-version", "--traces"];

    [Fact]
    public async Task HelpListsEveryOptionWithADescriptionAndExitsZero()
    {
        await using var host = AppHostProcess.Start("--help");

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        foreach (var option in Options)
        {
            // "  -f, --file <PATH>   The run template ..." : the option, then words describing it.
            var line = Assert.Single(host.Lines, l => l.Contains(option + " ", StringComparison.Ordinal) && l.TrimStart().StartsWith('-'));
            Assert.Matches(@"\S\s{2,}\S.{9,}", line);
        }
    }

    [Fact]
    public async Task AnUnknownOptionIsNamedAndExitsNonZeroWithoutStartingAnything()
    {
        await using var host = AppHostProcess.Start("--random-port");

        Assert.Equal(AppHostCommandLine.UsageExitCode, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("error: Unrecognized command or argument '--random-port'.", host.Lines);
        Assert.Contains(host.Lines, l => l.TrimStart().StartsWith("--random-ports ", StringComparison.Ordinal)); // the help follows
        Assert.DoesNotContain(host.Lines, l => l.StartsWith("[apphost]", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCommandHasNoOptionTheHelpTestDoesNotKnow()
    {
        var declared = new AppHostCommandLine().Command.Options.Select(o => o.Name).Except(["--help", "--version"]);

        Assert.Equal(Options.Order(), declared.Order());
    }

    [Fact]
    public void EveryOptionReachesTheAppHostsSettings()
    {
        var options = Parse("-f", "other.yaml", "--port-offset", "100", "--no-build", "--exit-on-stdin-close", "--dapr-version", "1.19", "--traces");

        Assert.Equal("other.yaml", options.File);
        Assert.Equal(new PortMode.Offset(100), options.Ports);
        Assert.True(options.NoBuild);
        Assert.True(options.ExitOnStdinClose);
        Assert.Same(DaprVersion.V1_19, options.DaprVersion);
        Assert.True(options.Traces);
        Assert.Equal("other.yaml", Parse("--file", "other.yaml").File);
        Assert.IsType<PortMode.Random>(Parse("--random-ports").Ports);
    }

    [Fact]
    public void NoOptionsRunTheTemplateAsWritten()
    {
        var options = Parse();

        Assert.Equal(new AppHostOptions(), options);
        Assert.IsType<PortMode.AsWritten>(options.Ports);
    }

    [Theory]
    [InlineData(new[] { "--port-offset", "ten" }, "ten")]
    [InlineData(new[] { "--port-offset", "1", "--random-ports" }, "--port-offset and --random-ports cannot be combined")]
    [InlineData(new[] { "--dapr-version", "1.16" }, "use one of 1.17, 1.18, 1.19")]
    [InlineData(new[] { "--file" }, "--file")]
    public void AMistakeIsAParseErrorThatNamesIt(string[] args, string named)
    {
        var parse = new AppHostCommandLine().Command.Parse(args);

        Assert.Contains(parse.Errors, e => e.Message.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void TheCommandLineVersionBeatsTheTemplatesWhichBeatsTheOldestSupported()
    {
        var pinned = Template(DaprVersion.V1_18);
        var unpinned = Template(null);

        Assert.Same(DaprVersion.V1_19, Parse("--dapr-version", "1.19").DaprVersionFor(pinned));
        Assert.Same(DaprVersion.V1_18, Parse().DaprVersionFor(pinned));
        Assert.Same(DaprVersion.V1_17, Parse().DaprVersionFor(unpinned));
        Assert.Same(DaprVersion.Supported.MinBy(v => v.Minor), DaprVersion.Default);
    }

    private static AppHostOptions Parse(params string[] args)
    {
        var commandLine = new AppHostCommandLine();
        var parse = commandLine.Command.Parse(args);
        Assert.Empty(parse.Errors);
        return commandLine.ToOptions(parse);
    }

    private static RunTemplate Template(DaprVersion? version) =>
        new("/tmp/dapr.yaml", 1, null, []) { DaprVersion = version };
}
