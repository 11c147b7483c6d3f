using Grpc.Core;
using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.State;

/// <summary>
/// How state store failures become daprd's errors (entries of <see cref="DaprErrors"/>), with the details each API
/// gives them: pkg/api/errors/state.go for the store lookups and the query API, apierrors.Basic on the gRPC API's
/// store calls (pkg/api/grpc/grpc.go), legacy bodies on the HTTP API's (pkg/api/http/http.go NewAPIErrorHTTP).
/// </summary>
internal static class StateErrors
{
    public static DaprApiException Malformed(string message) => DaprErrors.Malformed.Legacy(message);

    /// <summary>
    /// state.go NotConfigured/NotFound skip the ResourceInfo; the HTTP API passes its app id as metadata
    /// (http.go getStateStoreWithRequestValidation), the gRPC API none (universal/state_query.go GetStateStore).
    /// </summary>
    public static DaprApiException NotConfigured(string store, string appId, DaprApi api) =>
        DaprErrors.StateStoreNotConfigured.Rich(DaprErrors.StateStoreNotConfigured.Message(store), AppIdMetadata(appId, api));

    public static DaprApiException NotFound(string store, string appId, DaprApi api) =>
        DaprErrors.StateStoreNotFound.Rich(DaprErrors.StateStoreNotFound.Message(store), AppIdMetadata(appId, api));

    /// <summary>
    /// A key with <c>||</c>: state.go InvalidKeyName on the HTTP API (field violation, resource, reason
    /// DAPR_STATE_ILLEGAL_KEY); the gRPC API returns the key check's error without details.
    /// </summary>
    public static DaprApiException IllegalKey(string store, string key, string message, DaprApi api) =>
        api == DaprApi.Http
            ? DaprErrors.StateIllegalKey.Rich(message, resource: Resource(store), fieldViolation: new FieldViolationDetail(key, message))
            : DaprErrors.StateIllegalKey.Legacy(message);

    /// <summary>
    /// The query API on a store that is not a <c>state.Querier</c>: dapr/dapr v1.18.3 pkg/api/universal/state_query.go
    /// and pkg/api/errors/state.go QueryUnsupported (500 / Internal), for both APIs. None of the emulator's stores
    /// implements querying (contrib's state.postgresql does: a documented deviation).
    /// </summary>
    public static DaprApiException QueryUnsupported(string store) =>
        DaprErrors.StateQueryUnsupported.Rich(DaprErrors.StateQueryUnsupported.Message(), resource: Resource(store));

    /// <summary>
    /// Runs a store call; ETag mismatch → 409/Aborted (what makes the SDK's Try* methods return false), unparsable
    /// ETag → 400/InvalidArgument (grpc.go getStateErrorCode), anything else → 500/Internal, all as
    /// <paramref name="error"/> with its message formatted from <paramref name="args"/> and the store's error.
    /// </summary>
    public static async Task<T> CallAsync<T>(DaprApi api, DaprError error, object?[] args, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StateETagException ex)
        {
            throw Build(api, ex.Kind == StateETagErrorKind.Mismatch
                ? error.WithStatus(409, StatusCode.Aborted)
                : error.WithStatus(400, StatusCode.InvalidArgument), args, ex.Message);
        }
        catch (Exception ex) when (ex is not DaprApiException and not OperationCanceledException)
        {
            throw Build(api, error.WithStatus(500, StatusCode.Internal), args, ex.Message);
        }
    }

    public static Task CallAsync(DaprApi api, DaprError error, object?[] args, Func<Task> call) =>
        CallAsync<bool>(api, error, args, async () =>
        {
            await call();
            return true;
        });

    /// <summary>Inside a transaction every failure, ETag ones included, is 500 ERR_STATE_TRANSACTION / Internal.</summary>
    public static async Task TransactionAsync(DaprApi api, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is not DaprApiException and not OperationCanceledException)
        {
            throw Build(api, DaprErrors.StateTransaction, [], ex.Message);
        }
    }

    /// <summary>An operation type other than upsert/delete (http.go onPostStateTransaction, grpc.go ExecuteStateTransaction).</summary>
    public static DaprApiException OperationNotSupported(string operation, DaprApi api) =>
        Build(api, DaprErrors.StateOperationNotSupported, [], operation);

    // gRPC: apierrors.Basic (ErrorInfo with the legacy code as reason, nil metadata); HTTP: a legacy body. Entries
    // without a reason (ERR_STATE_BULK_GET: grpc.go returns the store's error as is) stay legacy on both.
    private static DaprApiException Build(DaprApi api, DaprError error, object?[] args, string problem)
    {
        var message = error.Message([.. args, problem]);
        return api == DaprApi.Grpc && error.Reason is not null ? error.Rich(message) : error.Legacy([.. args, problem]);
    }

    private static ResourceInfoDetail Resource(string store) => new("state", store);

    private static Dictionary<string, string>? AppIdMetadata(string appId, DaprApi api) =>
        api == DaprApi.Http && appId.Length > 0 ? new() { ["appID"] = appId } : null;
}
