namespace Todo.Testing;

/// <summary>The repository root: the nearest parent of the test binaries that holds Todo.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> s_path = new(Find);

    public static string Path => s_path.Value;

    /// <summary>A path inside the repository, e.g. <c>RepoRoot.Combine("dapr-components", "local")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Todo.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"Todo.sln not found above {AppContext.BaseDirectory}");
    }
}
