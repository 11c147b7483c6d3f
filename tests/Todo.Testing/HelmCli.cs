namespace Todo.Testing;

/// <summary>
/// The real helm (<c>HELM</c>, <c>.tools/helm/helm</c> from scripts/install-tools.sh, or PATH), run so that it never
/// reads a developer's repositories, plugins or kube context. A missing helm fails the test, it never skips it.
/// </summary>
public static class HelmCli
{
    public const string InstallHint = "run `bash scripts/install-tools.sh` (scripts/test.sh does it)";

    public static string Path =>
        ToolPath.Find(Environment.GetEnvironmentVariable("HELM"), RepoRoot.Combine(".tools", "helm", "helm"), "helm")
        ?? throw new InvalidOperationException($"helm not found (HELM, .tools/helm/helm or PATH): {InstallHint}");

    /// <summary>HELM_*_HOME and KUBECONFIG pointed at throwaway temp paths.</summary>
    public static IReadOnlyDictionary<string, string> IsolatedEnvironment { get; } = new Dictionary<string, string>
    {
        ["HELM_CACHE_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "todo-helm-cache"),
        ["HELM_CONFIG_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "todo-helm-config"),
        ["HELM_DATA_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "todo-helm-data"),
        ["KUBECONFIG"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "todo-no-kubeconfig"),
    };

    /// <summary>Runs helm in the repository root (two minutes at most) and returns how it ended.</summary>
    public static ProcessResult Run(params string[] arguments) =>
        ProcessRunner.Run(Path, arguments, TimeSpan.FromMinutes(2), RepoRoot.Path, IsolatedEnvironment);
}
