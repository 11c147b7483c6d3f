using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Deployment.Tests.Support;

/// <summary>
/// Just enough understanding of a Helm chart's templates to check them without helm: which <c>.Values</c> paths they
/// read, and what value an annotation or env entry gets with the default values.
/// </summary>
internal static partial class Helm
{
    public static IEnumerable<string> TemplateFiles(string chartDir) =>
        Directory.EnumerateFiles(Path.Combine(chartDir, "templates"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".tpl", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Every <c>.Values.a.b</c> or <c>$.Values.a.b</c> inside template actions.</summary>
    public static IReadOnlySet<string> ValuesPaths(string templateText)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match action in TemplateAction().Matches(templateText))
        {
            foreach (Match m in ValuesReference().Matches(action.Value))
            {
                paths.Add(m.Groups["path"].Value);
            }
        }

        return paths;
    }

    /// <summary>Paths read by templates that values.yaml does not define.</summary>
    public static List<string> MissingValues(string templateText, JsonNode? values) =>
        ValuesPaths(templateText).Where(p => !values.Has(p.Split('.'))).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The value a template line such as <c>dapr.io/app-port: {{ .Values.containerPort | quote }}</c> renders with the
    /// default values: a literal is returned as written (quotes removed); an action must read exactly one
    /// <c>.Values</c> path and may pipe it only through quote/toString.
    /// </summary>
    public static string Resolve(string raw, JsonNode? values)
    {
        raw = raw.Trim();
        var actions = TemplateAction().Matches(raw);
        if (actions.Count == 0)
        {
            return raw.Trim('"', '\'');
        }

        if (actions.Count != 1 || actions[0].Value.Length != raw.Length)
        {
            throw new InvalidOperationException($"Cannot resolve '{raw}': not a single template action.");
        }

        var paths = ValuesReference().Matches(raw);
        var pipes = raw.Split('|').Skip(1).Select(p => p.Trim(' ', '}', '-')).ToList();
        if (paths.Count != 1 || pipes.Any(p => p is not ("quote" or "toString")))
        {
            throw new InvalidOperationException($"Cannot resolve '{raw}': expected one .Values path piped only through quote.");
        }

        var node = values.At(paths[0].Groups["path"].Value)
            ?? throw new InvalidOperationException($"'{raw}' reads a value that values.yaml does not set.");
        return node.ToString();
    }

    /// <summary>The right-hand side of the first line <c>key: ...</c> in a template (indentation ignored).</summary>
    public static string LineValue(string templateText, string key)
    {
        var m = Regex.Match(templateText, $@"^\s*(?:-\s+)?{Regex.Escape(key)}:\s*(?<v>.+?)\s*$", RegexOptions.Multiline);
        return m.Success ? m.Groups["v"].Value : throw new InvalidOperationException($"No line '{key}:' in the template.");
    }

    /// <summary>The value of an env entry <c>- name: X</c> followed by <c>value: ...</c>.</summary>
    public static string EnvValue(string templateText, string name)
    {
        var m = Regex.Match(templateText, $@"^\s*-\s+name:\s*{Regex.Escape(name)}\s*\n\s*value:\s*(?<v>.+?)\s*$", RegexOptions.Multiline);
        return m.Success ? m.Groups["v"].Value : throw new InvalidOperationException($"No env entry '{name}' with a value.");
    }

    [GeneratedRegex(@"\{\{-?.*?-?\}\}", RegexOptions.Singleline)]
    private static partial Regex TemplateAction();

    [GeneratedRegex(@"(?<![\w)])\$?\.Values\.(?<path>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex ValuesReference();
}
