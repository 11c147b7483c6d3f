using System.CommandLine;

namespace Todo.DaprEmulator.CommandLine;

/// <summary>
/// How the emulator, the AppHost and the bench answer a command line they cannot read: every problem on one line of
/// stderr, then the full help (so the fix is on screen), and the tool's usage exit code. System.CommandLine's own
/// error action prints help to stdout and always exits 1; ours keep their documented codes and keep stdout clean.
/// </summary>
public static class ParseErrors
{
    /// <summary>Writes the errors of <paramref name="parse"/> and the help to <paramref name="error"/>; returns <paramref name="exitCode"/>.</summary>
    public static int Report(ParseResult parse, TextWriter error, int exitCode)
    {
        foreach (var problem in parse.Errors)
        {
            error.WriteLine($"error: {problem.Message}");
        }

        error.WriteLine();
        parse.RootCommandResult.Command.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = error });
        return exitCode;
    }
}
