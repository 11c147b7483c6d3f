using System.Text.Json.Nodes;

namespace Todo.Deployment.Tests.Support;

/// <summary>
/// The real tools the deployment tests drive: helm (renders and lints the charts) and node with kubernetes-models
/// (validates what helm rendered against the Kubernetes API schema). <c>scripts/install-tools.sh</c> (run by
/// <c>scripts/test.sh</c>) puts both into <c>.tools/</c>. A missing tool FAILS the test, it never skips it: a CI run
/// that silently stops rendering the charts would hide exactly the breaks these tests exist for.
/// </summary>
internal static class Tools
{
    private const string InstallHint = "run `bash scripts/install-tools.sh` (scripts/test.sh does it)";

    public static string HelmPath => HelmCli.Path;

    public static string NodePath =>
        ToolPath.Find(Environment.GetEnvironmentVariable("NODE"), null, "node")
        ?? throw new InvalidOperationException($"node not found on PATH: it validates the rendered manifests; {InstallHint}");

    public static string KubernetesModels
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("K8S_MODELS_NODE_MODULES") is { Length: > 0 } env
                ? env
                : Path.Combine(Repo.Root, ".tools", "k8s", "node_modules");
            return File.Exists(Path.Combine(dir, "kubernetes-models", "package.json"))
                ? dir
                : throw new InvalidOperationException($"kubernetes-models not found in {dir}: {InstallHint}");
        }
    }

    /// <summary>Runs a tool to completion (two minutes at most) in the repository root and returns its exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        // helm must not read a developer's repositories, plugins or kube context.
        var result = ProcessRunner.Run(file, args, TimeSpan.FromMinutes(2), Repo.Root, HelmCli.IsolatedEnvironment);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>
    /// <c>helm template</c> of a chart in namespace <c>todo</c>; <paramref name="sets"/> are <c>--set</c> pairs
    /// (use <c>--set-string</c> semantics by prefixing the key with <c>string:</c>). Throws with helm's error when the
    /// render fails.
    /// </summary>
    public static string HelmTemplate(string chart, params (string Key, string Value)[] sets)
    {
        var (exit, stdout, stderr) = TryHelmTemplate(chart, sets);
        return exit == 0 ? stdout : throw new InvalidOperationException($"helm template {chart} failed ({exit}): {stderr}");
    }

    public static (int ExitCode, string Stdout, string Stderr) TryHelmTemplate(string chart, params (string Key, string Value)[] sets)
    {
        List<string> args = ["template", chart == "backend" ? "todo-backend" : "todo-web", Repo.Chart(chart), "--namespace", "todo"];
        foreach (var (key, value) in sets)
        {
            if (key.StartsWith("string:", StringComparison.Ordinal))
            {
                args.AddRange(["--set-string", $"{key["string:".Length..]}={value}"]);
            }
            else
            {
                args.AddRange(["--set", $"{key}={value}"]);
            }
        }

        return Run(HelmPath, [.. args]);
    }

    /// <summary>Every rendered document (null documents dropped).</summary>
    public static IReadOnlyList<YamlDoc> Render(string chart, params (string Key, string Value)[] sets) =>
        Yaml.LoadText(HelmTemplate(chart, sets), $"helm template {chart}").Where(d => d.Root is not null).ToList();

    /// <summary>The result of validating each document of a manifest against the Kubernetes API schema.</summary>
    public static IReadOnlyList<SchemaResult> ValidateKubernetes(string manifest)
    {
        var file = Path.Combine(Path.GetTempPath(), $"todo-manifest-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, manifest);
        try
        {
            var script = Path.Combine(Repo.Root, "tests", "Todo.Deployment.Tests", "Support", "validate-k8s.mjs");
            var (exit, stdout, stderr) = Run(NodePath, script, KubernetesModels, file);
            if (exit != 0)
            {
                throw new InvalidOperationException($"validate-k8s.mjs failed ({exit}): {stderr}");
            }

            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonNode.Parse(line)!)
                .Select(n => new SchemaResult(n.Str("kind") ?? "", n.Str("name") ?? "", n.Str("status") ?? "",
                    (n["errors"] as JsonArray ?? []).Select(e => e?.ToString() ?? "").ToList()))
                .ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>One document's verdict from validate-k8s.mjs: status valid, invalid or skipped (dapr.io resources).</summary>
internal sealed record SchemaResult(string Kind, string Name, string Status, IReadOnlyList<string> Errors)
{
    public override string ToString() => $"{Kind}/{Name}: {Status} {string.Join("; ", Errors)}";
}
