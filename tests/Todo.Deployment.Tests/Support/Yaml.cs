using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Todo.Deployment.Tests.Support;

/// <summary>One YAML document of a file, converted to a JSON tree.</summary>
internal sealed record YamlDoc(string File, int Index, JsonNode? Root)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(File)}#{Index}";
}

/// <summary>
/// Loads YAML (every document of a file) into <see cref="JsonNode"/> trees, typing plain scalars the way Helm and
/// Kubernetes read them (YAML core schema: booleans, integers, floats, null); quoted scalars stay strings.
/// Duplicate mapping keys are an error, as they are for kubectl.
/// </summary>
internal static partial class Yaml
{
    public static IReadOnlyList<YamlDoc> LoadFile(string path) => LoadText(File.ReadAllText(path), path);

    public static IReadOnlyList<YamlDoc> LoadText(string text, string name = "<text>")
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var docs = new List<YamlDoc>();
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            docs.Add(new YamlDoc(name, i, Convert(stream.Documents[i].RootNode)));
        }

        return docs;
    }

    public static JsonNode? LoadSingle(string path)
    {
        var docs = LoadFile(path);
        return docs.Count == 1 ? docs[0].Root : throw new InvalidOperationException($"{path}: expected one YAML document, found {docs.Count}.");
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = key is YamlScalarNode s ? s.Value ?? "" : throw new InvalidOperationException($"Non-scalar key at {key.Start}.");
                    if (obj.ContainsKey(name))
                    {
                        throw new InvalidOperationException($"Duplicate key '{name}' at {key.Start}.");
                    }

                    obj[name] = Convert(value);
                }

                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                foreach (var item in seq.Children)
                {
                    arr.Add(Convert(item));
                }

                return arr;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new InvalidOperationException($"Unsupported YAML node {node.NodeType} at {node.Start}.");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var v = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(v);
        }

        if (v is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (v is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (v is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntPattern().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (FloatPattern().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(v);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

internal static class JsonNodeExtensions
{
    /// <summary>Walks a dotted path (<c>spec.type</c>); null when any step is missing.</summary>
    public static JsonNode? At(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>True when every step of the path exists (the value itself may be null).</summary>
    public static bool Has(this JsonNode? node, IEnumerable<string> path)
    {
        foreach (var part in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return false;
            }
        }

        return true;
    }

    public static string? Str(this JsonNode? node, string path)
    {
        var n = node.At(path);
        return n is JsonValue v ? v.ToString() : null;
    }

    public static IReadOnlyList<string> Strings(this JsonNode? node, string path) =>
        node.At(path) is JsonArray a ? a.Select(x => x?.ToString() ?? "").ToList() : [];
}
