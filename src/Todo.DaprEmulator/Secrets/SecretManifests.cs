using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Todo.DaprEmulator.Secrets;

/// <summary>
/// Kubernetes Secret objects read from a file in the form <c>kubectl get secret -o yaml</c> prints: one or more YAML
/// documents, each a <c>kind: Secret</c> (apiVersion v1) or a <c>kind: List</c> / <c>SecretList</c> whose
/// <c>items</c> are Secrets (what <c>kubectl get secrets -o yaml</c> prints). Other kinds are skipped, so a whole
/// namespace dump can be used. <c>data</c> values are base64 as the API stores them; <c>stringData</c> (what one writes
/// for <c>kubectl apply</c>) is merged over <c>data</c> key by key, as the API server does when it stores the Secret
/// (kubernetes pkg/apis/core/v1/conversion.go, Convert_v1_Secret_To_core_Secret: "StringData overwrites Data").
/// </summary>
internal static class SecretManifests
{
    /// <summary>Namespace → secret name → (key → value).</summary>
    public static Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>> Read(string path, string defaultNamespace)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Kubernetes secrets file '{path}' does not exist");
        }

        var result = new Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        var deserializer = new DeserializerBuilder().Build();
        try
        {
            using var reader = new StreamReader(path);
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            while (!parser.Accept<StreamEnd>(out _))
            {
                switch (deserializer.Deserialize<object?>(parser))
                {
                    case null:
                        continue;
                    case Dictionary<object, object> document:
                        foreach (var secret in Secrets(document))
                        {
                            Add(result, secret, defaultNamespace, path);
                        }

                        break;
                    default:
                        throw new InvalidOperationException($"{path}: a document is not a YAML mapping");
                }
            }
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"{path}: invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        return result;
    }

    private static IEnumerable<Dictionary<object, object>> Secrets(Dictionary<object, object> document)
    {
        var kind = Scalar(document, "kind");
        if (Scalar(document, "apiVersion") == "v1" && kind == "Secret")
        {
            yield return document;
        }
        else if (kind is "List" or "SecretList" && document.TryGetValue("items", out var items) && items is List<object> list)
        {
            foreach (var item in list.OfType<Dictionary<object, object>>())
            {
                // kubectl writes kind/apiVersion on every item of a List; a SecretList's items may omit them.
                if (kind == "SecretList" || (Scalar(item, "apiVersion") == "v1" && Scalar(item, "kind") == "Secret"))
                {
                    yield return item;
                }
            }
        }
    }

    private static void Add(
        Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>> result,
        Dictionary<object, object> secret,
        string defaultNamespace,
        string path)
    {
        var metadata = Map(secret, "metadata");
        var name = Scalar(metadata, "name");
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidOperationException($"{path}: a Secret has no metadata.name");
        }

        var @namespace = Scalar(metadata, "namespace") is { Length: > 0 } ns ? ns : defaultNamespace;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Map(secret, "data"))
        {
            var text = Text(value) ?? "";
            try
            {
                // Go's string([]byte): the bytes as they are; invalid UTF-8 cannot be carried by a .NET string.
                values[Text(key)!] = Encoding.UTF8.GetString(Convert.FromBase64String(text));
            }
            catch (FormatException)
            {
                // The API server rejects such a Secret: data values must be base64.
                throw new InvalidOperationException($"{path}: Secret {@namespace}/{name}: data.{Text(key)} is not base64");
            }
        }

        foreach (var (key, value) in Map(secret, "stringData"))
        {
            values[Text(key)!] = Text(value) ?? "";
        }

        if (!result.TryGetValue(@namespace, out var secrets))
        {
            result[@namespace] = secrets = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        }

        if (!secrets.TryAdd(name, values))
        {
            throw new InvalidOperationException($"{path}: Secret {@namespace}/{name} is defined more than once");
        }
    }

    private static Dictionary<object, object> Map(Dictionary<object, object> parent, string key) =>
        parent.TryGetValue(key, out var value) && value is Dictionary<object, object> map ? map : [];

    private static string? Scalar(Dictionary<object, object> parent, string key) =>
        parent.TryGetValue(key, out var value) ? Text(value) : null;

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
