using Todo.DaprEmulator.Secrets;
using Todo.DaprEmulator.State;

namespace Todo.DaprEmulator.Resiliency;

/// <summary>
/// A state store whose calls run under the sidecar's outbound policy for it, with daprd's rules for what is never
/// retried (dapr/dapr v1.18.3): a single-key save's ETag error is permanent (pkg/components/state/bulk.go
/// <c>execSingle</c>), a several-key save's ETag errors are permanent when every failure is one (bulk.go); a delete and
/// a transaction run inside the policy as they are, so their ETag conflicts ARE retried (pkg/api/http/http.go
/// <c>onDeleteState</c>, <c>onPostStateTransaction</c>; pkg/api/grpc/grpc.go <c>DeleteState</c>, <c>ExecuteStateTransaction</c>).
/// </summary>
internal sealed class ResilientStateStore(IStateStore inner, PolicyRunner policy) : IStateStore
{
    public IReadOnlyList<string> Capabilities => inner.Capabilities;

    public StateKeyPrefix KeyPrefix => inner.KeyPrefix;

    public Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken) =>
        policy.RunAsync(token => inner.GetAsync(key, token), cancellationToken);

    public Task<IReadOnlyList<StateEntry>> BulkGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        policy.RunAsync(token => inner.BulkGetAsync(keys, token), cancellationToken);

    public Task SetAsync(StateUpsert upsert, CancellationToken cancellationToken) =>
        policy.RunAsync(token => ETagPermanent(() => inner.SetAsync(upsert, token)), cancellationToken);

    /// <summary>A save of several keys (daprd's BulkSet; the emulator applies it as one transaction).</summary>
    public Task SaveManyAsync(IReadOnlyList<StateOperation> upserts, CancellationToken cancellationToken) =>
        policy.RunAsync(token => ETagPermanent(() => inner.ExecuteTransactionAsync(upserts, token)), cancellationToken);

    public Task DeleteAsync(StateDelete delete, CancellationToken cancellationToken) =>
        policy.RunAsync(token => inner.DeleteAsync(delete, token), cancellationToken);

    public Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken) =>
        policy.RunAsync(token => inner.ExecuteTransactionAsync(operations, token), cancellationToken);

    private static async Task ETagPermanent(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (StateETagException ex)
        {
            throw new ResiliencyPermanentException(ex);
        }
    }
}

/// <summary>
/// A secret store whose calls run under the sidecar's outbound policy for it (dapr/dapr pkg/api/universal/secrets.go).
/// A missing secret is an error of the component in daprd (e.g. local.file "secret X not found"), so it is one here too,
/// inside the policy.
/// </summary>
internal sealed class ResilientSecretStore(ISecretStore inner, PolicyRunner policy) : ISecretStore
{
    public Task<IReadOnlyDictionary<string, string>?> GetSecretAsync(string name, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        policy.RunAsync<IReadOnlyDictionary<string, string>?>(async token =>
            await inner.GetSecretAsync(name, metadata, token) ?? throw new KeyNotFoundException($"secret {name} not found"), cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetBulkSecretAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        policy.RunAsync(token => inner.GetBulkSecretAsync(metadata, token), cancellationToken);
}
