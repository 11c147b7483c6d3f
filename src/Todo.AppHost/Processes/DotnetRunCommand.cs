namespace Todo.AppHost.Processes;

/// <summary>
/// Recognises <c>dotnet run ...</c> commands. Two <c>dotnet run</c> processes started together would build the
/// projects they share (Todo.Contracts) at the same time and fail on locked files, so the AppHost builds each app
/// once up front and runs it with <c>--no-build</c>.
/// </summary>
internal static class DotnetRunCommand
{
    public static bool Matches(IReadOnlyList<string> command) =>
        command.Count >= 2 && Path.GetFileNameWithoutExtension(command[0]) == "dotnet" && command[1] == "run";

    /// <summary>The command with <c>--no-build</c> added before any <c>--</c> (arguments after it belong to the app).</summary>
    public static IReadOnlyList<string> WithNoBuild(IReadOnlyList<string> command)
    {
        if (!Matches(command) || OwnArguments(command).Contains("--no-build"))
        {
            return command;
        }

        var separator = IndexOfSeparator(command);
        var result = command.ToList();
        result.Insert(separator, "--no-build");
        return result;
    }

    /// <summary><c>dotnet build</c> arguments for the same project and configuration as the run command.</summary>
    public static IReadOnlyList<string> BuildArguments(IReadOnlyList<string> command)
    {
        var args = new List<string> { "build" };
        var own = OwnArguments(command);
        for (var i = 0; i < own.Count - 1; i++)
        {
            switch (own[i])
            {
                case "--project":
                    args.Add(own[i + 1]);
                    break;
                case "--configuration" or "-c" or "--framework" or "-f":
                    args.Add(own[i]);
                    args.Add(own[i + 1]);
                    break;
            }
        }

        args.AddRange(["-nologo", "-v", "q", "-clp:NoSummary"]);
        return args;
    }

    private static List<string> OwnArguments(IReadOnlyList<string> command) => command.Take(IndexOfSeparator(command)).Skip(2).ToList();

    private static int IndexOfSeparator(IReadOnlyList<string> command)
    {
        for (var i = 2; i < command.Count; i++)
        {
            if (command[i] == "--")
            {
                return i;
            }
        }

        return command.Count;
    }
}
