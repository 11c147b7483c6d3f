namespace Todo.Deployment.Tests.Support;

/// <summary>Paths inside the repository (<see cref="RepoRoot"/>).</summary>
internal static class Repo
{
    public static string Root => RepoRoot.Path;

    public static string KubernetesComponents => Path.Combine(Root, "dapr-components", "kubernetes");

    public static string LocalComponents => Path.Combine(Root, "dapr-components", "local");

    public static string Chart(string name) => Path.Combine(Root, "helm", name);
}
