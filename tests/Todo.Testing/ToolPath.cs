namespace Todo.Testing;

/// <summary>
/// Where a tool the tests drive lives: an explicit path from the environment, the copy scripts/install-tools.sh put
/// under .tools/, or PATH, in that order.
/// </summary>
public static class ToolPath
{
    public static string? Find(string? explicitPath, string? repoLocal, string onPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        if (repoLocal is not null && File.Exists(repoLocal))
        {
            return repoLocal;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, onPath))
            .FirstOrDefault(File.Exists);
    }
}
