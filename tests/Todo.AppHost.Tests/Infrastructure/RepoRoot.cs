namespace Todo.AppHost.Tests.Infrastructure;

/// <summary>The repository root: the nearest parent of the test binaries that holds Todo.sln.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Todo.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Todo.sln above {AppContext.BaseDirectory}");
    }
}
