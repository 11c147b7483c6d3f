using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// Builds the CloudEvent envelope the way daprd does (runtime pubsub/cloudevents.go with components-contrib
/// pubsub/envelope.go): a Go map, so the JSON keys come out sorted.
/// </summary>
internal static class CloudEventEnvelope
{
    public const string SpecVersion = "1.0";
    public const string DefaultType = "com.dapr.event.sent";
    public const string DefaultSource = "Dapr";
    public const string DefaultContentType = "text/plain";
    public const string CloudEventContentType = "application/cloudevents+json";

    // Go escapes less than System.Text.Json's default (non-ASCII stays readable); the JSON means the same either way.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The publisher's request, after validation.</summary>
    public sealed record Request(
        string AppId,
        string PubSubName,
        string Topic,
        string? ContentType,
        ReadOnlyMemory<byte> Data,
        IReadOnlyDictionary<string, string> Metadata,
        string TraceParent,
        string? TraceState);

    /// <summary>The envelope bytes; throws <see cref="JsonException"/> for a publisher envelope that is not a JSON object.</summary>
    public static byte[] Create(Request request, TimeProvider time)
    {
        var envelope = IsContentType(request.ContentType, CloudEventContentType)
            ? FromPublisherEnvelope(request, time)
            : NewEnvelope(request, time);
        if (TtlSeconds(request.Metadata) is { } ttl)
        {
            // The in-memory broker has no native TTL, so the runtime adds `expiration` (contrib ApplyMetadata).
            envelope["expiration"] = (time.GetUtcNow() + TimeSpan.FromSeconds(ttl)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return JsonSerializer.SerializeToUtf8Bytes(Sorted(envelope), Json);
    }

    /// <summary>The envelope daprd synthesises for a rawPayload subscription (contrib FromRawPayload).</summary>
    public static byte[] FromRawPayload(ReadOnlyMemory<byte> data, string topic, string pubsubName)
    {
        var envelope = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["specversion"] = SpecVersion,
            ["datacontenttype"] = "application/octet-stream",
            ["source"] = DefaultSource,
            ["type"] = DefaultType,
            ["topic"] = topic,
            ["pubsubname"] = pubsubName,
            ["data_base64"] = Convert.ToBase64String(data.Span),
        };
        return JsonSerializer.SerializeToUtf8Bytes(Sorted(envelope), Json);
    }

    /// <summary>contrib contenttype: a case-insensitive prefix test, so parameters are allowed and <c>+json</c> is not JSON.</summary>
    public static bool IsContentType(string? contentType, string expected) =>
        !string.IsNullOrEmpty(contentType) && contentType.StartsWith(expected, StringComparison.OrdinalIgnoreCase);

    private static JsonObject NewEnvelope(Request request, TimeProvider time)
    {
        var contentType = string.IsNullOrEmpty(request.ContentType) ? DefaultContentType : request.ContentType;
        var traceParent = Override(request.Metadata, "cloudevent.traceparent")
                          ?? Override(request.Metadata, "cloudevent.traceid")
                          ?? request.TraceParent;
        var envelope = new JsonObject
        {
            ["id"] = Override(request.Metadata, "cloudevent.id") ?? Guid.NewGuid().ToString(),
            ["specversion"] = SpecVersion,
            ["datacontenttype"] = contentType,
            ["source"] = Override(request.Metadata, "cloudevent.source") ?? request.AppId,
            ["type"] = Override(request.Metadata, "cloudevent.type") ?? DefaultType,
            ["topic"] = request.Topic,
            ["pubsubname"] = request.PubSubName,
            ["traceid"] = traceParent,
            ["traceparent"] = traceParent,
            ["tracestate"] = Override(request.Metadata, "cloudevent.tracestate") ?? request.TraceState ?? "",
            ["time"] = Rfc3339(time.GetLocalNow()),
        };
        if (Override(request.Metadata, "cloudevent.subject") is { } subject)
        {
            envelope["subject"] = subject;
        }

        if (IsContentType(contentType, "application/json"))
        {
            envelope["data"] = ParseJsonOrString(request.Data);
        }
        else if (IsContentType(contentType, "application/octet-stream") || IsContentType(contentType, "application/cloudevents+protobuf"))
        {
            envelope["data_base64"] = Convert.ToBase64String(request.Data.Span);
        }
        else
        {
            envelope["data"] = System.Text.Encoding.UTF8.GetString(request.Data.Span);
        }

        return envelope;
    }

    // The publisher's own envelope is kept; topic and pubsubname are the runtime's, missing fields are filled, but a
    // missing id is not generated (contrib FromCloudEvent).
    private static JsonObject FromPublisherEnvelope(Request request, TimeProvider time)
    {
        if (JsonNode.Parse(request.Data.Span) is not JsonObject envelope)
        {
            throw new JsonException("the CloudEvent is not a JSON object");
        }

        envelope.TryAdd("time", Rfc3339(time.GetLocalNow()));
        envelope.TryAdd("traceid", request.TraceParent);
        envelope.TryAdd("traceparent", request.TraceParent);
        envelope.TryAdd("tracestate", request.TraceState ?? "");
        envelope["topic"] = request.Topic;
        envelope["pubsubname"] = request.PubSubName;
        FillIfNull(envelope, "source", DefaultSource);
        FillIfNull(envelope, "type", DefaultType);
        FillIfNull(envelope, "specversion", SpecVersion);
        return envelope;
    }

    private static void FillIfNull(JsonObject envelope, string field, string value)
    {
        if (envelope[field] is null)
        {
            envelope[field] = value;
        }
    }

    private static JsonNode? ParseJsonOrString(ReadOnlyMemory<byte> data)
    {
        try
        {
            return JsonNode.Parse(data.Span);
        }
        catch (JsonException)
        {
            return System.Text.Encoding.UTF8.GetString(data.Span);
        }
    }

    private static int? TtlSeconds(IReadOnlyDictionary<string, string> metadata) =>
        Override(metadata, "ttlInSeconds") is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ttl) && ttl > 0
            ? ttl
            : null; // contrib ignores an invalid or non-positive TTL

    // Metadata keys are matched case-insensitively (mapstructure.WeakDecode).
    private static string? Override(IReadOnlyDictionary<string, string> metadata, string key)
    {
        foreach (var (name, value) in metadata)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Go's time.RFC3339: second precision, <c>Z</c> for UTC, else the local offset.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.Offset == TimeSpan.Zero
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    // Go marshals maps with sorted keys; nested JSON data went through a Go map too.
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(item => Sorted(item?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
