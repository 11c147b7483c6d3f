using System.Text.Json;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.Secrets;

/// <summary>
/// <c>secretstores.local.file</c>: a JSON file. By default nested objects are flattened to <c>parent:child</c> keys
/// (array indexes as segments) and each secret is <c>{name: value}</c>; with <c>multiValued: true</c> each top-level
/// object is one secret with several keys. The file is re-read on every call, as a developer edits it while running.
/// </summary>
internal sealed class LocalFileSecretStore(string path, string separator, bool multiValued) : ISecretStore
{
    public static ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken)
    {
        var path = context.ResolvePath(context.GetRequired("secretsFile"));
        var store = new LocalFileSecretStore(path, context.Get("nestedSeparator") ?? ":",
            string.Equals(context.Get("multiValued"), "true", StringComparison.OrdinalIgnoreCase));
        store.Read(); // fail at start-up, as daprd does, when the file is missing or not JSON
        return ValueTask.FromResult<object>(store);
    }

    public Task<IReadOnlyDictionary<string, string>?> GetSecretAsync(string name, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        Read().TryGetValue(name, out var secret);
        return Task.FromResult(secret);
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetBulkSecretAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(Read()!);

    private Dictionary<string, IReadOnlyDictionary<string, string>?> Read()
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"secrets file '{path}' does not exist");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"secrets file '{path}' must hold a JSON object");
        }

        var secrets = new Dictionary<string, IReadOnlyDictionary<string, string>?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (multiValued && property.Value.ValueKind == JsonValueKind.Object)
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in Flatten(property.Value, ""))
                {
                    values[key] = value;
                }

                secrets[property.Name] = values;
                continue;
            }

            foreach (var (key, value) in Flatten(property.Value, property.Name))
            {
                secrets[key] = new Dictionary<string, string> { [key] = value };
            }
        }

        return secrets;
    }

    private IEnumerable<(string Key, string Value)> Flatten(JsonElement element, string prefix)
    {
        string Join(string child) => prefix.Length == 0 ? child : prefix + separator + child;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var pair in Flatten(property.Value, Join(property.Name)))
                    {
                        yield return pair;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var pair in Flatten(item, Join(index++.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                    {
                        yield return pair;
                    }
                }

                break;
            case JsonValueKind.String:
                yield return (prefix, element.GetString()!);
                break;
            default:
                yield return (prefix, element.GetRawText());
                break;
        }
    }
}
