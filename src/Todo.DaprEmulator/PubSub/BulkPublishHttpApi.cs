using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// HTTP bulk publish, <c>POST|PUT /v1.0-alpha1/publish/bulk/{pubsub}/{topic...}</c> and the same under
/// <c>/v1.0</c>: both are routes of dapr/dapr v1.17.13 and v1.18.3 (pkg/api/http/http.go, BulkPublishEvent), so every
/// supported version serves both. The body is a JSON list of <c>{entryId, event, contentType, metadata}</c>; 204 when
/// every entry was published, else 500 listing the failed entries (http.go onBulkPublish).
/// </summary>
internal static class BulkPublishHttpApi
{
    private static readonly string[] Versions = ["v1.0-alpha1", "v1.0"];

    // Go's encoding/json matches field names case-insensitively.
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static void MapBulkPublishApi(this IEndpointRouteBuilder app)
    {
        foreach (var version in Versions)
        {
            app.MapMethods($"/{version}/publish/bulk/{{pubsub}}/{{**topic}}", [HttpMethods.Post, HttpMethods.Put], BulkPublishAsync);
        }
    }

    /// <summary>http.go bulkPublishMessageEntry.</summary>
    private sealed record WireEntry(string? EntryId, JsonElement Event, string? ContentType, Dictionary<string, string>? Metadata);

    private static async Task<IResult> BulkPublishAsync(string pubsub, string? topic, HttpContext context, Sidecar sidecar)
    {
        topic ??= "";
        var publisher = context.RequestServices.GetRequiredService<BulkPublisher>();
        var metadata = QueryMetadata.From(context.Request);
        publisher.Validate(sidecar, pubsub, topic, metadata, DaprApi.Http);

        List<WireEntry> wire;
        try
        {
            wire = await JsonSerializer.DeserializeAsync<List<WireEntry>>(context.Request.Body, Json, context.RequestAborted) ?? [];
        }
        catch (JsonException ex)
        {
            throw PubSubErrors.UnmarshalEvents(pubsub, topic, sidecar.AppId, ex.Message);
        }

        // http.go: each entry's event is turned into bytes, then its id checked, before any envelope is made.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<BulkPublisher.Entry> entries = [];
        foreach (var entry in wire)
        {
            var contentType = entry.ContentType ?? "";
            var data = EventBytes(entry.Event, contentType, out var problem)
                       ?? throw PubSubErrors.MarshalEnvelope(pubsub, topic, sidecar.AppId, problem!);
            BulkPublisher.EnsureEntryId(seen, entry.EntryId ?? "", pubsub, topic, sidecar.AppId);
            entries.Add(new BulkPublisher.Entry(entry.EntryId!, data, contentType, BulkPublisher.EntryMetadata(metadata, entry.Metadata)));
        }

        var outcome = await publisher.PublishAsync(sidecar, new BulkPublisher.Request(
            pubsub,
            topic,
            entries,
            metadata,
            context.Request.Headers["traceparent"].ToString() is { Length: > 0 } traceParent ? traceParent : null,
            context.Request.Headers["tracestate"].ToString() is { Length: > 0 } traceState ? traceState : null,
            DaprApi.Http), context.RequestAborted);
        if (outcome.Error is { } error)
        {
            await WriteFailureAsync(context.Response, outcome, error);
            return Results.Empty;
        }

        return Results.NoContent();
    }

    /// <summary>
    /// http.go: the failed entries with errorCode ERR_PUBSUB_PUBLISH_MESSAGE as the body, and the same JSON and the
    /// error's text (kit's "api error: code = … desc = …") as <c>metadata.responseData</c> / <c>metadata.error</c>
    /// headers (responses.go setResponseMetadataHeaders).
    /// </summary>
    private static async Task WriteFailureAsync(HttpResponse response, BulkPublisher.Outcome outcome, DaprApiException error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EmulatorJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("failedEntries");
            foreach (var failed in outcome.FailedEntries)
            {
                writer.WriteStartObject();
                writer.WriteString("entryId", failed.EntryId);
                writer.WriteString("error", failed.Error);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("errorCode", DaprErrors.PubSubPublishMessage.Code);
            writer.WriteEndObject();
        }

        response.StatusCode = error.HttpStatus;
        response.ContentType = "application/json";
        response.Headers["metadata.responseData"] = Encoding.UTF8.GetString(buffer.WrittenSpan);
        response.Headers["metadata.error"] = $"api error: code = {GoCodeName(error.GrpcStatus)} desc = {error.Message}";
        await response.Body.WriteAsync(buffer.WrittenMemory, response.HttpContext.RequestAborted);
    }

    /// <summary>
    /// http/util.go ConvertEventToBytes: base64 for application/octet-stream, a JSON string for text/* and
    /// application/xml, the JSON itself for JSON and CloudEvents; anything else is a mismatch.
    /// </summary>
    private static byte[]? EventBytes(JsonElement @event, string contentType, out string? problem)
    {
        const string mismatch = "error: mismatch between contentType and event";
        problem = null;
        if (Is(contentType, "application/octet-stream"))
        {
            if (@event.ValueKind is not JsonValueKind.String)
            {
                problem = mismatch;
                return null;
            }

            try
            {
                return Convert.FromBase64String(@event.GetString()!);
            }
            catch (FormatException ex)
            {
                problem = $"error: unable to decode base64 application/octect-stream data: {ex.Message}";
                return null;
            }
        }

        if (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || Is(contentType, "application/xml"))
        {
            problem = @event.ValueKind is JsonValueKind.String ? null : mismatch;
            return problem is null ? Encoding.UTF8.GetBytes(@event.GetString()!) : null;
        }

        if (Is(contentType, "application/json") || Is(contentType, "application/cloudevents+json"))
        {
            return @event.ValueKind is JsonValueKind.Undefined ? "null"u8.ToArray() : Encoding.UTF8.GetBytes(@event.GetRawText());
        }

        problem = mismatch;
        return null;
    }

    /// <summary>contrib contenttype isContentType: the whole type, or the part before <c>;</c>, case-insensitively.</summary>
    private static bool Is(string contentType, string expected)
    {
        var semicolon = contentType.IndexOf(';');
        var type = semicolon >= 0 ? contentType[..semicolon] : contentType;
        return string.Equals(type, expected, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>grpc-go's codes.Code String(): "Internal", "PermissionDenied", …</summary>
    private static string GoCodeName(Grpc.Core.StatusCode code) => code == Grpc.Core.StatusCode.Cancelled ? "Canceled" : code.ToString();
}
