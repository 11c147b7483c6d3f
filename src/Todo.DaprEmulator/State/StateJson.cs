using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.State;

/// <summary>Reads the HTTP API's JSON bodies strictly: a wrong shape is 400 ERR_MALFORMED_REQUEST, never a 500.</summary>
internal static class StateJson
{
    public static async Task<JsonDocument> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            // Kestrel caps the body at 4 MiB (daprd's --max-body-size), so parsing it whole is bounded.
            return await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw StateErrors.Malformed($"failed deserializing HTTP body: {ex.Message}");
        }
    }

    public static JsonElement Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw StateErrors.Malformed($"failed deserializing HTTP body: {what} must be a JSON object");

    public static List<string> Strings(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw StateErrors.Malformed($"failed deserializing HTTP body: '{name}' must be an array of strings");
        }

        return list.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>One <c>{key, value, etag, metadata, options}</c> item of a save; query metadata is merged in, as daprd does.</summary>
    public static StateUpsert Upsert(ResolvedStateStore store, JsonElement item, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        Object(item, "a state item");
        var metadata = Metadata(item);
        foreach (var (name, extra) in extraMetadata ?? new Dictionary<string, string>())
        {
            metadata[name] = extra;
        }

        var (concurrency, _) = Options(item);
        var value = item.TryGetProperty("value", out var v) ? StateRequestOptions.JsonBytes(v) : "null"u8.ToArray();
        return new StateUpsert(store.StoredKey(Key(item)), value, IsJson: true, ETag(item), concurrency, StateRequestOptions.Ttl(metadata));
    }

    public static StateDelete Delete(ResolvedStateStore store, JsonElement item)
    {
        Object(item, "a state item");
        var (concurrency, _) = Options(item);
        return new StateDelete(store.StoredKey(Key(item)), ETag(item), concurrency);
    }

    /// <summary>A transaction operation <c>{"operation":"upsert|delete","request":{...}}</c>.</summary>
    public static StateOperation Operation(ResolvedStateStore store, JsonElement operation)
    {
        var kind = operation.TryGetProperty("operation", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
        if (!operation.TryGetProperty("request", out var request))
        {
            throw StateErrors.Malformed("failed deserializing HTTP body: an operation has no 'request'");
        }

        return kind switch
        {
            "upsert" => Upsert(store, request),
            "delete" => Delete(store, request),
            _ => throw StateErrors.OperationNotSupported(kind ?? "", DaprApi.Http),
        };
    }

    /// <summary>
    /// An item whose <c>key</c> Go decodes to "" (missing, null or empty): daprd's HTTP save refuses it
    /// (dapr/dapr v1.18.3 and v1.17.13 pkg/api/http/http.go onPostState: <c>len(reqs[i].Key) == 0</c>).
    /// </summary>
    public static bool HasEmptyKey(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && (!item.TryGetProperty("key", out var key) || key.ValueKind == JsonValueKind.Null
            || (key.ValueKind == JsonValueKind.String && key.GetString()!.Length == 0));

    private static string Key(JsonElement item) =>
        item.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() is { Length: > 0 } text
            ? text
            : throw StateErrors.Malformed("failed deserializing HTTP body: every state item needs a non-empty string 'key'");

    private static string? ETag(JsonElement item)
    {
        if (!item.TryGetProperty("etag", out var etag) || etag.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return etag.ValueKind == JsonValueKind.String
            ? StateRequestOptions.ETag(etag.GetString())
            : throw StateErrors.Malformed("failed deserializing HTTP body: 'etag' must be a string");
    }

    private static Dictionary<string, string> Metadata(JsonElement item)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty("metadata", out var map) || map.ValueKind == JsonValueKind.Null)
        {
            return metadata;
        }

        foreach (var property in Object(map, "'metadata'").EnumerateObject())
        {
            metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw StateErrors.Malformed($"failed deserializing HTTP body: metadata '{property.Name}' must be a string");
        }

        return metadata;
    }

    private static (StateConcurrency Concurrency, string? Consistency) Options(JsonElement item)
    {
        if (!item.TryGetProperty("options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return (StateConcurrency.LastWrite, null);
        }

        Object(options, "'options'");
        var concurrency = OptionalString(options, "concurrency");
        var consistency = OptionalString(options, "consistency");
        StateRequestOptions.Consistency(consistency);
        return (StateRequestOptions.Concurrency(concurrency), consistency);
    }

    private static string? OptionalString(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw StateErrors.Malformed($"failed deserializing HTTP body: option '{name}' must be a string");
}
