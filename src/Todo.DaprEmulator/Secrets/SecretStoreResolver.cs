using Grpc.Core;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.Secrets;

/// <summary>Finds a secret store for an app with daprd's error codes, and wraps store failures the same way.</summary>
internal static class SecretStoreResolver
{
    public static ISecretStore Resolve(ComponentRegistry registry, string appId, string storeName)
    {
        if (!registry.OfCategory("secretstores", appId).Any())
        {
            throw new DaprApiException(500, StatusCode.FailedPrecondition, "ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured");
        }

        return registry.Find(storeName, appId)?.Instance as ISecretStore
            ?? throw new DaprApiException(401, StatusCode.InvalidArgument, "ERR_SECRET_STORE_NOT_FOUND", $"failed finding secret store with key {storeName}");
    }

    public static async Task<T> CallAsync<T>(string storeName, string key, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not DaprApiException and not OperationCanceledException)
        {
            throw new DaprApiException(500, StatusCode.Internal, "ERR_SECRET_GET",
                $"failed getting secret with key {key} from secret store {storeName}: {ex.Message}");
        }
    }
}
