using System.Globalization;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.State;

/// <summary>
/// <c>state.in-memory</c>: process memory, gone on restart. The ETag is a version number from a store-wide counter, so
/// a key that is deleted and written again never reuses an old ETag. Expired entries are invisible at once and removed
/// by a sweep every second (components-contrib sweeps at the same pace).
/// </summary>
internal sealed class InMemoryStateStore : IStateStore, IDisposable
{
    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;
    private long _version;

    private InMemoryStateStore(StateKeyPrefix keyPrefix, TimeProvider time)
    {
        KeyPrefix = keyPrefix;
        _time = time;
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public StateKeyPrefix KeyPrefix { get; }

    public IReadOnlyList<string> Capabilities => StateFeatures.All;

    public static ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object>(new InMemoryStateStore(StateComponentMetadata.KeyPrefix(context), context.TimeProvider));

    public Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Live(key) is { } item ? item.ToEntry(key) : null);
        }
    }

    public Task<IReadOnlyList<StateEntry>> BulkGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<StateEntry> found = keys.Distinct(StringComparer.Ordinal)
                .Select(key => Live(key)?.ToEntry(key))
                .OfType<StateEntry>()
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task SetAsync(StateUpsert upsert, CancellationToken cancellationToken) => ExecuteTransactionAsync([upsert], cancellationToken);

    public Task DeleteAsync(StateDelete delete, CancellationToken cancellationToken) => ExecuteTransactionAsync([delete], cancellationToken);

    public Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Stage every change first, checking ETags against what earlier operations of the same transaction
            // produced, then apply all of them: a failure leaves the store untouched.
            var staged = new Dictionary<string, Item?>(StringComparer.Ordinal);
            Item? Current(string key) => staged.TryGetValue(key, out var item) ? item : Live(key);
            var now = _time.GetUtcNow();
            foreach (var operation in operations)
            {
                var current = Current(operation.Key);
                if (operation.ETag is not null)
                {
                    if (current is null || current.ETag != operation.ETag)
                    {
                        throw StateETagException.Mismatch();
                    }
                }
                else if (operation is StateUpsert && operation.Concurrency == StateConcurrency.FirstWrite && current is not null)
                {
                    // components-contrib's in-memory store reports first-write on an existing key as an ETag mismatch.
                    throw StateETagException.Mismatch();
                }

                staged[operation.Key] = operation switch
                {
                    StateUpsert upsert => new Item(
                        upsert.Value.ToArray(),
                        (++_version).ToString(CultureInfo.InvariantCulture),
                        upsert.TtlSeconds is { } ttl ? now.AddSeconds(ttl) : null),
                    _ => null,
                };
            }

            foreach (var (key, item) in staged)
            {
                if (item is null)
                {
                    _items.Remove(key);
                }
                else
                {
                    _items[key] = item;
                }
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _sweeper.Dispose();

    private Item? Live(string key) =>
        _items.TryGetValue(key, out var item) && !item.IsExpired(_time.GetUtcNow()) ? item : null;

    private void Sweep()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var key in _items.Where(pair => pair.Value.IsExpired(now)).Select(pair => pair.Key).ToList())
            {
                _items.Remove(key);
            }
        }
    }

    private sealed record Item(byte[] Data, string ETag, DateTimeOffset? ExpiresAt)
    {
        public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiresAt && expiresAt <= now;

        public StateEntry ToEntry(string key) => new(key, Data, ETag, ExpiresAt);
    }
}
