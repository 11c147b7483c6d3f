using System.CommandLine;
using System.CommandLine.Help;

namespace Todo.DaprEmulator.CommandLine;

/// <summary>
/// What the emulator, the AppHost and the bench do before running: answer <c>--help</c> on stdout, or name every
/// problem of a command line they cannot read on stderr, followed by the full help (so the fix is on screen), with
/// the tool's usage exit code. System.CommandLine's own error action prints the help to stdout and always exits 1;
/// ours keep their documented exit codes and keep stdout for output.
/// </summary>
public static class HelpOrErrors
{
    /// <summary>The exit code when <paramref name="parse"/> was <c>--help</c> or had errors (both answered); null when the tool should run.</summary>
    public static int? Answer(ParseResult parse, TextWriter output, TextWriter error, int usageExitCode)
    {
        if (parse.Action is HelpAction)
        {
            return parse.Invoke(new InvocationConfiguration { Output = output });
        }

        if (parse.Errors.Count == 0)
        {
            return null;
        }

        foreach (var problem in parse.Errors)
        {
            error.WriteLine($"error: {problem.Message}");
        }

        error.WriteLine();
        parse.RootCommandResult.Command.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = error });
        return usageExitCode;
    }
}
