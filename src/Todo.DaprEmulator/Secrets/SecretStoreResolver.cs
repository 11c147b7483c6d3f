using Grpc.Core;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Secrets;

/// <summary>
/// Finds a secret store for an app with daprd's error codes, applies the sidecar's secret scopes, and wraps store
/// failures the same way (dapr/dapr pkg/api/universal/secrets.go; errors from pkg/messages/predefined.go).
/// </summary>
internal static class SecretStoreResolver
{
    /// <summary>The store, its calls under the sidecar's outbound policy for it (universal/secrets.go).</summary>
    public static ISecretStore Resolve(ComponentRegistry registry, Sidecar sidecar, string storeName)
    {
        if (!registry.OfCategory("secretstores", sidecar.AppId).Any())
        {
            throw DaprErrors.SecretStoresNotConfigured.Legacy();
        }

        var store = registry.Find(storeName, sidecar.AppId)?.Instance as ISecretStore
            ?? throw DaprErrors.SecretStoreNotFound.Legacy(storeName);
        return new Resiliency.ResilientSecretStore(store, sidecar.Resiliency.ComponentOutbound(storeName, Resiliency.ComponentKind.Secretstore));
    }

    /// <summary>
    /// GetSecret checks the scope after finding the store and before calling it: a refused name is 403
    /// <c>ERR_PERMISSION_DENIED</c> (gRPC PermissionDenied) whether or not the secret exists.
    /// </summary>
    public static void EnsureAllowed(Sidecar sidecar, string storeName, string key)
    {
        if (!sidecar.Configuration.IsSecretAllowed(storeName, key))
        {
            throw DaprErrors.SecretPermissionDenied.Legacy(GoQuote(key), GoQuote(storeName));
        }
    }

    /// <summary>GetBulkSecret drops the secrets the scope refuses, silently (daprd only logs them at debug level).</summary>
    public static Dictionary<string, IReadOnlyDictionary<string, string>> Filter(
        Sidecar sidecar, string storeName, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets)
    {
        var allowed = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, values) in secrets)
        {
            if (sidecar.Configuration.IsSecretAllowed(storeName, name))
            {
                allowed[name] = values;
            }
        }

        return allowed;
    }

    public static async Task<T> CallAsync<T>(string storeName, string key, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not DaprApiException and not OperationCanceledException)
        {
            throw DaprErrors.SecretGet.Legacy(key, storeName, ex.Message);
        }
    }

    /// <summary>ErrBulkSecretGet: same code as a single get, its own message.</summary>
    public static async Task<T> CallBulkAsync<T>(string storeName, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not DaprApiException and not OperationCanceledException)
        {
            throw DaprErrors.BulkSecretGet.Legacy(storeName, ex.Message);
        }
    }

    // Go's %q: a double-quoted string with backslash escapes.
    private static string GoQuote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
