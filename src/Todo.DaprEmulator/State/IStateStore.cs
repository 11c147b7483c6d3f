using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.State;

/// <summary>
/// A state store component (state.*). Keys are full keys: the API layer has already applied the component's
/// <see cref="KeyPrefix"/>, so a store never adds or strips prefixes itself.
/// </summary>
/// <remarks>
/// ETag failures are reported as <see cref="StateETagException"/> (mismatch or unparsable ETag); any other exception is a
/// store failure. <see cref="ExecuteTransactionAsync"/> applies every operation or none.
/// </remarks>
internal interface IStateStore : IComponentCapabilities
{
    /// <summary>How the API layer turns an app's key into the stored key (component metadata <c>keyPrefix</c>).</summary>
    StateKeyPrefix KeyPrefix { get; }

    /// <summary>The live (not expired) entry, or null when the key does not exist.</summary>
    Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>The live entries among <paramref name="keys"/>; missing keys are simply absent from the result.</summary>
    Task<IReadOnlyList<StateEntry>> BulkGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    Task SetAsync(StateUpsert upsert, CancellationToken cancellationToken);

    Task DeleteAsync(StateDelete delete, CancellationToken cancellationToken);

    /// <summary>Applies upserts and deletes atomically, in order; on any failure nothing is applied.</summary>
    Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken);
}

/// <summary>A stored value: the bytes the app gets back, its ETag and its expiry (TTL), if any.</summary>
internal sealed record StateEntry(string Key, byte[] Data, string ETag, DateTimeOffset? ExpiresAt);

/// <summary>Concurrency mode of a write (daprd's <c>first-write</c> / <c>last-write</c>; unset means last-write).</summary>
internal enum StateConcurrency
{
    LastWrite,
    FirstWrite,
}

/// <summary>One operation of a save, delete or transaction, with an already prefixed key.</summary>
internal abstract record StateOperation(string Key, string? ETag, StateConcurrency Concurrency);

/// <summary>
/// Writes <paramref name="Value"/>. <paramref name="IsJson"/> says the bytes are a JSON document (HTTP API, or gRPC with
/// <c>contentType=application/json</c>) rather than opaque bytes; PostgreSQL stores the two differently.
/// <paramref name="TtlSeconds"/> is null for "never expires".
/// </summary>
internal sealed record StateUpsert(string Key, byte[] Value, bool IsJson, string? ETag, StateConcurrency Concurrency, int? TtlSeconds)
    : StateOperation(Key, ETag, Concurrency);

internal sealed record StateDelete(string Key, string? ETag, StateConcurrency Concurrency)
    : StateOperation(Key, ETag, Concurrency);

/// <summary>What components-contrib calls an ETag error: a stale/unknown ETag (mismatch) or one the store cannot parse.</summary>
internal sealed class StateETagException(StateETagErrorKind kind, string message) : Exception(message)
{
    public StateETagErrorKind Kind { get; } = kind;

    public static StateETagException Mismatch() => new(StateETagErrorKind.Mismatch, "possible etag mismatch. error from state store: no rows affected");

    public static StateETagException Invalid(string etag) => new(StateETagErrorKind.Invalid, $"invalid etag value: '{etag}'");
}

internal enum StateETagErrorKind
{
    Mismatch,
    Invalid,
}

/// <summary>The capability names the metadata API reports for every state store of the emulator.</summary>
internal static class StateFeatures
{
    public static readonly IReadOnlyList<string> All = ["ETAG", "TRANSACTIONAL", "TTL"];
}
