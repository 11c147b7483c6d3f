using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Resiliency;

namespace Todo.DaprEmulator.State;

/// <summary>A state store as one app sees it: its component name, the store and the app's key prefixing.</summary>
internal sealed record ResolvedStateStore(string Name, IStateStore Store, Sidecar Sidecar, DaprApi Api)
{
    /// <summary>The stored key for an app key; keys containing <c>||</c> are rejected as daprd does.</summary>
    public string StoredKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw StateErrors.Malformed("key is empty");
        }

        if (key.Contains(StateKeyPrefix.Separator, StringComparison.Ordinal))
        {
            throw StateErrors.IllegalKey(Name, key, $"input key/keyPrefix '{key}' can't contain '{StateKeyPrefix.Separator}'", Api);
        }

        return Store.KeyPrefix.Apply(key, Name, Sidecar.AppId, Sidecar.Namespace);
    }

    /// <summary>A save request: one key is a Set, several a bulk save (ETag errors never retried, unlike a transaction's).</summary>
    public Task SaveAsync(IReadOnlyList<StateUpsert> upserts, CancellationToken cancellationToken) =>
        upserts.Count == 1 ? Store.SetAsync(upserts[0], cancellationToken)
        : Store is ResilientStateStore resilient ? resilient.SaveManyAsync(upserts, cancellationToken)
        : Store.ExecuteTransactionAsync(upserts, cancellationToken);
}

/// <summary>Finds an app's state store with daprd's error codes.</summary>
internal static class StateStoreResolver
{
    public static ResolvedStateStore Resolve(ComponentRegistry registry, Sidecar sidecar, string storeName, DaprApi api)
    {
        if (!registry.OfCategory("state", sidecar.AppId).Any(c => c.Instance is IStateStore))
        {
            throw StateErrors.NotConfigured(storeName, sidecar.AppId, api);
        }

        // Every store call runs under the sidecar's outbound policy for this component (dapr/dapr pkg/api/http, grpc).
        return registry.Find(storeName, sidecar.AppId)?.Instance is IStateStore store
            ? new ResolvedStateStore(storeName, new ResilientStateStore(store, sidecar.Resiliency.ComponentOutbound(storeName, ComponentKind.Statestore)), sidecar, api)
            : throw StateErrors.NotFound(storeName, sidecar.AppId, api);
    }
}
