using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.State;

/// <summary>daprd's state HTTP API (<c>/v1.0/state/...</c>). Errors are thrown as DaprApiException and rendered by the middleware.</summary>
internal static class StateHttpApi
{
    public static void MapStateApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/v1.0/state/{store}/bulk", [HttpMethods.Post, HttpMethods.Put], BulkGetAsync);
        app.MapMethods("/v1.0/state/{store}/transaction", [HttpMethods.Post, HttpMethods.Put], TransactionAsync);
        app.MapMethods("/v1.0/state/{store}", [HttpMethods.Post, HttpMethods.Put], SaveAsync);
        app.MapGet("/v1.0/state/{store}/{key}", GetAsync);
        app.MapDelete("/v1.0/state/{store}/{key}", DeleteAsync);
        // Only alpha1 (dapr/dapr v1.18.3 pkg/api/http/http.go, QueryStateAlpha1).
        app.MapMethods("/v1.0-alpha1/state/{store}/query", [HttpMethods.Post, HttpMethods.Put], Query);
    }

    private static void Query(string store, Sidecar sidecar, ComponentRegistry registry)
    {
        StateStoreResolver.Resolve(registry, sidecar, store, DaprApi.Http);
        throw StateErrors.QueryUnsupported(store);
    }

    private static async Task GetAsync(string store, string key, HttpContext context, Sidecar sidecar, ComponentRegistry registry)
    {
        var resolved = StateStoreResolver.Resolve(registry, sidecar, store, DaprApi.Http);
        StateRequestOptions.Consistency(context.Request.Query["consistency"]);
        var storedKey = resolved.StoredKey(key);
        var entry = await StateErrors.CallAsync(DaprApi.Http, DaprErrors.StateGet, [key, store],
            () => resolved.Store.GetAsync(storedKey, context.RequestAborted));
        if (entry is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.ETag = entry.ETag;
        foreach (var (name, value) in StateRequestOptions.ResponseMetadata(entry))
        {
            context.Response.Headers["metadata." + name] = value;
        }

        await context.Response.Body.WriteAsync(entry.Data, context.RequestAborted);
    }

    private static async Task BulkGetAsync(string store, HttpContext context, Sidecar sidecar, ComponentRegistry registry)
    {
        var resolved = StateStoreResolver.Resolve(registry, sidecar, store, DaprApi.Http);
        using var body = await StateJson.ReadBodyAsync(context.Request);
        var root = StateJson.Object(body.RootElement, "body");
        var keys = StateJson.Strings(root, "keys");
        var storedKeys = keys.Select(resolved.StoredKey).ToList();
        var entries = await StateErrors.CallAsync(DaprApi.Http, DaprErrors.StateBulkGet, [store],
            () => resolved.Store.BulkGetAsync(storedKeys, context.RequestAborted));
        var byKey = entries.ToDictionary(e => e.Key, StringComparer.Ordinal);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        // Built in memory: JsonSerializer flushes synchronously, which Kestrel forbids on the response stream.
        var buffer = new ArrayBufferWriter<byte>();
        await using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        for (var i = 0; i < keys.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("key", keys[i]);
            if (byKey.TryGetValue(storedKeys[i], out var entry))
            {
                writer.WritePropertyName("data");
                if (StateRequestOptions.IsJson(entry.Data))
                {
                    writer.WriteRawValue(entry.Data);
                }
                else
                {
                    // Go's encoder renders bytes that are not JSON as a base64 string.
                    writer.WriteBase64StringValue(entry.Data);
                }

                writer.WriteString("etag", entry.ETag);
                var metadata = StateRequestOptions.ResponseMetadata(entry);
                if (metadata.Count > 0)
                {
                    writer.WritePropertyName("metadata");
                    JsonSerializer.Serialize(writer, metadata);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        await writer.FlushAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static async Task<IResult> SaveAsync(string store, HttpContext context, Sidecar sidecar, ComponentRegistry registry)
    {
        var resolved = StateStoreResolver.Resolve(registry, sidecar, store, DaprApi.Http);
        using var body = await StateJson.ReadBodyAsync(context.Request);
        if (body.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw StateErrors.Malformed("failed deserializing HTTP body: expected a JSON array of state items");
        }

        var queryMetadata = QueryMetadata.From(context.Request);
        // http.go onPostState (v1.18.3, same in v1.17.13): an empty key is messages.NewAPIErrorHTTP(`"key" is a
        // required field`, CommonMalformedRequest, 400): no details; nothing is saved.
        var upserts = body.RootElement.EnumerateArray()
            .Select(item => StateJson.HasEmptyKey(item)
                ? throw StateErrors.Malformed("\"key\" is a required field")
                : StateJson.Upsert(resolved, item, queryMetadata))
            .ToList();
        if (upserts.Count == 0)
        {
            return Results.NoContent();
        }

        await StateErrors.CallAsync(DaprApi.Http, DaprErrors.StateSave, [store], () =>
            resolved.SaveAsync(upserts, context.RequestAborted));
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteAsync(string store, string key, HttpContext context, Sidecar sidecar, ComponentRegistry registry)
    {
        var resolved = StateStoreResolver.Resolve(registry, sidecar, store, DaprApi.Http);
        var query = context.Request.Query;
        StateRequestOptions.Consistency(query["consistency"]);
        var delete = new StateDelete(
            resolved.StoredKey(key),
            StateRequestOptions.ETag(context.Request.Headers.IfMatch.ToString()),
            StateRequestOptions.Concurrency(query["concurrency"]));
        await StateErrors.CallAsync(DaprApi.Http, DaprErrors.StateDelete, [key],
            () => resolved.Store.DeleteAsync(delete, context.RequestAborted));
        return Results.NoContent();
    }

    private static async Task<IResult> TransactionAsync(string store, HttpContext context, Sidecar sidecar, ComponentRegistry registry)
    {
        var resolved = StateStoreResolver.Resolve(registry, sidecar, store, DaprApi.Http);
        using var body = await StateJson.ReadBodyAsync(context.Request);
        var root = StateJson.Object(body.RootElement, "body");
        var operations = new List<StateOperation>();
        if (root.TryGetProperty("operations", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw StateErrors.Malformed("failed deserializing HTTP body: 'operations' must be an array");
            }

            foreach (var item in list.EnumerateArray())
            {
                operations.Add(StateJson.Operation(resolved, StateJson.Object(item, "operation")));
            }
        }

        if (operations.Count > 0)
        {
            await StateErrors.TransactionAsync(DaprApi.Http, () => resolved.Store.ExecuteTransactionAsync(operations, context.RequestAborted));
        }

        return Results.NoContent();
    }
}
