using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Todo.AppHost.Template;

/// <summary>
/// Typed reads of template fields with errors that name the file, the field path and the line, e.g.
/// <c>dapr.yaml: apps[0].appPort: expected an integer, got 'abc' (line 12)</c>.
/// </summary>
internal sealed class YamlFields(string fileName)
{
    public RunTemplateException Error(string path, YamlNode? node, string problem) =>
        new(node is null
            ? $"{fileName}: {path}: {problem}"
            : $"{fileName}: {path}: {problem} (line {node.Start.Line})");

    public YamlMappingNode Mapping(YamlNode node, string path) =>
        node as YamlMappingNode ?? throw Error(path, node, "expected a mapping of fields");

    public YamlNode? Field(YamlMappingNode mapping, string name) =>
        mapping.Children.TryGetValue(new YamlScalarNode(name), out var value) && !IsNull(value) ? value : null;

    public string? String(YamlMappingNode mapping, string name, string path)
    {
        var node = Field(mapping, name);
        return node switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            _ => throw Error(Join(path, name), node, "expected a single value"),
        };
    }

    public int? Int(YamlMappingNode mapping, string name, string path)
    {
        var node = Field(mapping, name);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw Error(Join(path, name), node, $"expected an integer, got '{Describe(node)}'");
    }

    /// <summary>A port field: unset, zero or negative mean "pick a free port" (the CLI's rule).</summary>
    public int? Port(YamlMappingNode mapping, string name, string path)
    {
        var value = Int(mapping, name, path);
        if (value > 65535)
        {
            throw Error(Join(path, name), Field(mapping, name), $"port {value} is out of range (1-65535)");
        }

        return value > 0 ? value : null;
    }

    public IReadOnlyList<string> StringList(YamlMappingNode mapping, string name, string path)
    {
        var node = Field(mapping, name);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(Join(path, name), node, "expected a list, e.g. [\"a\", \"b\"]");
        }

        return sequence.Children.Select((item, i) => item is YamlScalarNode { Value: { } value }
                ? value
                : throw Error($"{Join(path, name)}[{i}]", item, "expected a single value"))
            .ToList();
    }

    public IReadOnlyDictionary<string, string> StringMap(YamlMappingNode mapping, string name, string path)
    {
        var node = Field(mapping, name);
        if (node is null)
        {
            return new Dictionary<string, string>();
        }

        var map = Mapping(node, Join(path, name));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            var keyText = ((YamlScalarNode)key).Value ?? "";
            // Any scalar becomes a string (the CLI's map[string]string); an empty value stays empty.
            result[keyText] = value switch
            {
                YamlScalarNode scalar => IsNull(scalar) ? "" : scalar.Value ?? "",
                _ => throw Error($"{Join(path, name)}.{keyText}", value, "expected a single value"),
            };
        }

        return result;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } scalar &&
        (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Describe(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? "" : node.NodeType.ToString().ToLowerInvariant();
}
