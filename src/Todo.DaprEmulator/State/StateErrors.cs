using Grpc.Core;
using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.State;

/// <summary>daprd's state error codes: how a store failure becomes an HTTP status and a gRPC code.</summary>
internal static class StateErrors
{
    public static DaprApiException Malformed(string message) =>
        new(400, StatusCode.InvalidArgument, "ERR_MALFORMED_REQUEST", message);

    /// <summary>
    /// The query API on a store that is not a <c>state.Querier</c>: dapr/dapr v1.18.3 pkg/api/universal/state_query.go
    /// and pkg/api/errors/state.go QueryUnsupported (500 / Internal). None of the emulator's stores implements
    /// querying (contrib's state.postgresql does: a documented deviation).
    /// </summary>
    public static DaprApiException QueryUnsupported() =>
        new(500, StatusCode.Internal, "ERR_STATE_STORE_NOT_SUPPORTED", "state store does not support querying");

    /// <summary>
    /// Runs a store call; ETag mismatch → 409/Aborted (what makes the SDK's Try* methods return false), unparsable
    /// ETag → 400/InvalidArgument, anything else → 500/Internal, all under <paramref name="errorCode"/>.
    /// </summary>
    public static async Task<T> CallAsync<T>(string errorCode, Func<string, string> message, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StateETagException ex)
        {
            throw ex.Kind == StateETagErrorKind.Mismatch
                ? new DaprApiException(409, StatusCode.Aborted, errorCode, message(ex.Message))
                : new DaprApiException(400, StatusCode.InvalidArgument, errorCode, message(ex.Message));
        }
        catch (Exception ex) when (ex is not DaprApiException and not OperationCanceledException)
        {
            throw new DaprApiException(500, StatusCode.Internal, errorCode, message(ex.Message));
        }
    }

    public static Task CallAsync(string errorCode, Func<string, string> message, Func<Task> call) =>
        CallAsync<bool>(errorCode, message, async () =>
        {
            await call();
            return true;
        });

    /// <summary>Inside a transaction every failure, ETag ones included, is 500 ERR_STATE_TRANSACTION / Internal.</summary>
    public static async Task TransactionAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is not DaprApiException and not OperationCanceledException)
        {
            throw new DaprApiException(500, StatusCode.Internal, "ERR_STATE_TRANSACTION", $"error while executing state transaction: {ex.Message}");
        }
    }
}
