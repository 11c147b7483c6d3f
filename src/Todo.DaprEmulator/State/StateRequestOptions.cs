using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Todo.DaprEmulator.State;

/// <summary>Request fields shared by the HTTP and gRPC APIs: option strings, TTL metadata, ETags, value encoding.</summary>
internal static class StateRequestOptions
{
    public const string TtlMetadataKey = "ttlInSeconds";
    public const string TtlExpireTimeKey = "ttlExpireTime";

    /// <summary><c>first-write</c> / <c>last-write</c> / empty; anything else is rejected.</summary>
    public static StateConcurrency Concurrency(string? value) => value switch
    {
        null or "" or "last-write" => StateConcurrency.LastWrite,
        "first-write" => StateConcurrency.FirstWrite,
        _ => throw StateErrors.Malformed($"invalid concurrency option '{value}': must be first-write or last-write"),
    };

    /// <summary>Consistency is only a hint, but the four known strings are the only ones a store accepts.</summary>
    public static void Consistency(string? value)
    {
        if (value is not (null or "" or "strong" or "eventual"))
        {
            throw StateErrors.Malformed($"invalid consistency option '{value}': must be strong or eventual");
        }
    }

    /// <summary>An ETag of <c>""</c> counts as none.</summary>
    public static string? ETag(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary><c>ttlInSeconds</c>: an integer ≥ -1; -1 (and 0) mean never expires (null).</summary>
    public static int? Ttl(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue(TtlMetadataKey, out var text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ttl) || ttl < -1)
        {
            throw StateErrors.Malformed($"incorrect value for metadata '{TtlMetadataKey}': '{text}' (must be an integer >= -1)");
        }

        return ttl > 0 ? ttl : null;
    }

    /// <summary>The response metadata of an entry: <c>ttlExpireTime</c> (RFC 3339, UTC) when it expires.</summary>
    public static Dictionary<string, string> ResponseMetadata(StateEntry entry)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry.ExpiresAt is { } expiresAt)
        {
            metadata[TtlExpireTimeKey] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return metadata;
    }

    /// <summary>A JSON value as stored: its compact serialisation.</summary>
    public static byte[] JsonBytes(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static bool IsJson(byte[] data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
