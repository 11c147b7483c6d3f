namespace Todo.Deployment.Tests.Support;

/// <summary>Paths inside the repository, found from the test's output folder by walking up to Todo.sln.</summary>
internal static class Repo
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string KubernetesComponents => Path.Combine(Root, "dapr-components", "kubernetes");

    public static string LocalComponents => Path.Combine(Root, "dapr-components", "local");

    public static string Chart(string name) => Path.Combine(Root, "helm", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Todo.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Todo.sln not found above {AppContext.BaseDirectory}.");
    }
}
