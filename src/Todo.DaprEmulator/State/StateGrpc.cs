using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.State;
using CommonV1 = Dapr.Client.Autogen.Grpc.v1;
using Empty = Google.Protobuf.WellKnownTypes.Empty;

namespace Todo.DaprEmulator.GrpcApi;

public partial class DaprGrpcService
{
    public virtual Task<QueryStateResponse> QueryStateAlpha1(QueryStateRequest request, ServerCallContext context)
    {
        StateStoreResolver.Resolve(_registry, _sidecar, request.StoreName, DaprApi.Grpc);
        throw StateErrors.QueryUnsupported(request.StoreName);
    }

    public virtual async Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context)
    {
        var store = StateStoreResolver.Resolve(_registry, _sidecar, request.StoreName, DaprApi.Grpc);
        var storedKey = store.StoredKey(request.Key);
        var entry = await StateErrors.CallAsync(DaprApi.Grpc, DaprErrors.StateGet, [request.Key, request.StoreName],
            () => store.Store.GetAsync(storedKey, context.CancellationToken));
        var response = new GetStateResponse();
        if (entry is not null)
        {
            // A missing key is an empty response, not an error: the SDK turns empty data into default(T).
            response.Data = ByteString.CopyFrom(entry.Data);
            response.Etag = entry.ETag;
            response.Metadata.Add(StateRequestOptions.ResponseMetadata(entry));
        }

        return response;
    }

    public virtual async Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context)
    {
        var store = StateStoreResolver.Resolve(_registry, _sidecar, request.StoreName, DaprApi.Grpc);
        var storedKeys = request.Keys.Select(store.StoredKey).ToList();
        var entries = await StateErrors.CallAsync(DaprApi.Grpc, DaprErrors.StateBulkGet, [request.StoreName],
            () => store.Store.BulkGetAsync(storedKeys, context.CancellationToken));
        var byKey = entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var response = new GetBulkStateResponse();
        for (var i = 0; i < request.Keys.Count; i++)
        {
            var item = new BulkStateItem { Key = request.Keys[i] };
            if (byKey.TryGetValue(storedKeys[i], out var entry))
            {
                item.Data = ByteString.CopyFrom(entry.Data);
                item.Etag = entry.ETag;
                item.Metadata.Add(StateRequestOptions.ResponseMetadata(entry));
            }

            response.Items.Add(item);
        }

        return response;
    }

    public virtual async Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context)
    {
        var store = StateStoreResolver.Resolve(_registry, _sidecar, request.StoreName, DaprApi.Grpc);
        // grpc.go SaveState checks each item's key in turn, before its key prefixing: an empty key is its own error.
        var upserts = request.States.Select(item => string.IsNullOrEmpty(item.Key)
            ? throw DaprErrors.StateSaveKeyEmpty.Rich(DaprErrors.StateSaveKeyEmpty.Message())
            : ToUpsert(store, item)).ToList();
        if (upserts.Count > 0)
        {
            await StateErrors.CallAsync(DaprApi.Grpc, DaprErrors.StateSave, [request.StoreName], () =>
                store.SaveAsync(upserts, context.CancellationToken));
        }

        return new Empty();
    }

    public virtual async Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context)
    {
        var store = StateStoreResolver.Resolve(_registry, _sidecar, request.StoreName, DaprApi.Grpc);
        var delete = ToDelete(store, request.Key, request.Etag, request.Options);
        await StateErrors.CallAsync(DaprApi.Grpc, DaprErrors.StateDelete, [request.Key],
            () => store.Store.DeleteAsync(delete, context.CancellationToken));
        return new Empty();
    }

    public virtual async Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context)
    {
        var store = StateStoreResolver.Resolve(_registry, _sidecar, request.StoreName, DaprApi.Grpc);
        var deletes = request.States.Select(item => (StateOperation)ToDelete(store, item.Key, item.Etag, item.Options)).ToList();
        if (deletes.Count > 0)
        {
            await StateErrors.CallAsync(DaprApi.Grpc, DaprErrors.StateBulkDelete, [request.StoreName],
                () => store.Store.ExecuteTransactionAsync(deletes, context.CancellationToken));
        }

        return new Empty();
    }

    public virtual async Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context)
    {
        var store = StateStoreResolver.Resolve(_registry, _sidecar, request.StoreName, DaprApi.Grpc);
        var operations = new List<StateOperation>();
        foreach (var operation in request.Operations)
        {
            operations.Add(operation.OperationType switch
            {
                "upsert" => ToUpsert(store, operation.Request ?? new CommonV1.StateItem()),
                "delete" => ToDelete(store, operation.Request?.Key ?? "", operation.Request?.Etag, operation.Request?.Options),
                _ => throw StateErrors.OperationNotSupported(operation.OperationType, DaprApi.Grpc),
            });
        }

        if (operations.Count > 0)
        {
            await StateErrors.TransactionAsync(DaprApi.Grpc, () => store.Store.ExecuteTransactionAsync(operations, context.CancellationToken));
        }

        return new Empty();
    }

    /// <summary>
    /// gRPC values are opaque bytes unless the item says <c>contentType=application/json</c>; then daprd decodes the
    /// JSON first, so the store keeps a JSON document (PostgreSQL: jsonb with isbinary=false).
    /// </summary>
    private static StateUpsert ToUpsert(ResolvedStateStore store, CommonV1.StateItem item)
    {
        var key = store.StoredKey(item.Key);
        var (concurrency, _) = Options(item.Options);
        var value = item.Value.ToByteArray();
        var isJson = item.Metadata.TryGetValue("contentType", out var contentType) && contentType == "application/json";
        if (isJson)
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                value = StateRequestOptions.JsonBytes(document.RootElement);
            }
            catch (JsonException ex)
            {
                throw StateErrors.Malformed($"value of key {item.Key} is not JSON although contentType is application/json: {ex.Message}");
            }
        }

        return new StateUpsert(key, value, isJson, StateRequestOptions.ETag(item.Etag?.Value), concurrency, StateRequestOptions.Ttl(item.Metadata));
    }

    private static StateDelete ToDelete(ResolvedStateStore store, string key, CommonV1.Etag? etag, CommonV1.StateOptions? options) =>
        new(store.StoredKey(key), StateRequestOptions.ETag(etag?.Value), Options(options).Concurrency);

    private static (StateConcurrency Concurrency, string? Consistency) Options(CommonV1.StateOptions? options)
    {
        var concurrency = options?.Concurrency switch
        {
            null or CommonV1.StateOptions.Types.StateConcurrency.ConcurrencyUnspecified => "",
            CommonV1.StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite => "first-write",
            CommonV1.StateOptions.Types.StateConcurrency.ConcurrencyLastWrite => "last-write",
            var other => other.ToString(),
        };
        var consistency = options?.Consistency switch
        {
            null or CommonV1.StateOptions.Types.StateConsistency.ConsistencyUnspecified => "",
            CommonV1.StateOptions.Types.StateConsistency.ConsistencyEventual => "eventual",
            CommonV1.StateOptions.Types.StateConsistency.ConsistencyStrong => "strong",
            var other => other.ToString(),
        };
        StateRequestOptions.Consistency(consistency);
        return (StateRequestOptions.Concurrency(concurrency), consistency);
    }
}
