namespace Todo.EndToEnd.Tests.Infrastructure;

/// <summary><c>&lt;repo&gt;/TestResults/screenshots</c>: the folder scripts/test.sh collects as the test run's artifacts.</summary>
internal static class Screenshots
{
    public static string PathFor(string name)
    {
        var directory = RepoRoot.Combine("TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
