using Dapr;
using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// Conversations in the Dapr state store: one key per conversation and one index key per user, written together in
/// a transaction guarded by both ETags (first-write for new keys), retried on conflict. Both keys carry a 30-day TTL
/// that every new message renews, so abandoned conversations expire on their own.
/// </summary>
internal sealed class ConversationStore(DaprClient dapr, ILogger<ConversationStore> logger)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(30);

    /// <summary>Conversations kept per user; saving one more drops the least recently used.</summary>
    public const int MaxConversations = 100;
    private const int MaxAttempts = 12;
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };
    private static readonly Dictionary<string, string> Ttl = new() { ["ttlInSeconds"] = ((int)TimeToLive.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public async Task<(ConversationRecord? Conversation, string ETag)> GetAsync(string userId, string id, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id))
        {
            return (null, "");
        }

        var (record, etag) = await dapr.GetStateAndETagAsync<ConversationRecord?>(DaprNames.StateStore, StateKeys.Conversation(userId, id), cancellationToken: cancellationToken);
        return (record?.UserId == userId ? record : null, etag);
    }

    /// <summary>
    /// One page of the index, newest first. The cursor is the last item's (updatedAt, id), so a conversation that
    /// moves to the top between two pages is not shown twice and the rest are not skipped.
    /// </summary>
    public async Task<ConversationPage> ListAsync(string userId, int limit, ConversationCursor? after, CancellationToken cancellationToken)
    {
        var all = (await ReadIndexAsync(userId, cancellationToken)).Index.Conversations
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).ToList();
        var rest = after is { } cursor ? all.Where(cursor.IsBefore).ToList() : all;
        var items = rest.Take(limit).ToList();
        var next = rest.Count > items.Count ? new ConversationCursor(items[^1].UpdatedAt, items[^1].Id).Encode() : null;
        return new ConversationPage(items, next, all.Count);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the latest version of a conversation (null when it is new) and saves it with
    /// the index; on a conflict the change is re-applied to what the other writer saved. Returns null when the change
    /// function gives up (the conversation disappeared).
    /// </summary>
    public async Task<ConversationRecord?> SaveAsync(string userId, string id, Func<ConversationRecord?, ConversationRecord?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (current, etag) = await GetAsync(userId, id, cancellationToken);
            if (change(current) is not { } updated)
            {
                return null;
            }

            var (index, indexETag) = await ReadIndexAsync(userId, cancellationToken);
            index.Conversations.RemoveAll(c => c.Id == id);
            index.Conversations.Insert(0, updated.ToSummary());

            // Bounded: the oldest conversations beyond the cap go, in the same transaction as the index that drops them.
            var dropped = index.Conversations.Skip(MaxConversations).ToList();
            index.Conversations.RemoveRange(Math.Min(MaxConversations, index.Conversations.Count), dropped.Count);
            List<StateTransactionRequest> operations =
            [
                Write(StateKeys.Conversation(userId, id), dapr.Serialize(updated), etag),
                Write(StateKeys.ConversationIndex(userId), dapr.Serialize(index), indexETag),
                .. dropped.Select(c => new StateTransactionRequest(StateKeys.Conversation(userId, c.Id), null, StateOperationType.Delete)),
            ];
            if (await TryTransactAsync(operations, attempt, cancellationToken))
            {
                return updated;
            }
        }

        throw new DaprException("The conversation could not be saved after repeated conflicts.");
    }

    public async Task<bool> DeleteAsync(string userId, string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (current, etag) = await GetAsync(userId, id, cancellationToken);
            if (current is null)
            {
                return false;
            }

            var (index, indexETag) = await ReadIndexAsync(userId, cancellationToken);
            index.Conversations.RemoveAll(c => c.Id == id);
            List<StateTransactionRequest> operations =
            [
                new(StateKeys.Conversation(userId, id), null, StateOperationType.Delete, etag),
                Write(StateKeys.ConversationIndex(userId), dapr.Serialize(index), indexETag),
            ];
            if (await TryTransactAsync(operations, attempt, cancellationToken))
            {
                return true;
            }
        }

        throw new DaprException("The conversation could not be deleted after repeated conflicts.");
    }

    /// <summary>Deletes every conversation of a user and the index (account deletion); the index goes last, by ETag.</summary>
    public async Task DeleteAllAsync(string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (index, indexETag) = await ReadIndexAsync(userId, cancellationToken);
            if (string.IsNullOrEmpty(indexETag) && index.Conversations.Count == 0)
            {
                return;
            }

            foreach (var chunk in index.Conversations.Chunk(100))
            {
                await dapr.ExecuteStateTransactionAsync(DaprNames.StateStore,
                    chunk.Select(c => new StateTransactionRequest(StateKeys.Conversation(userId, c.Id), null, StateOperationType.Delete)).ToList(),
                    cancellationToken: cancellationToken);
            }

            List<StateTransactionRequest> operations = [new(StateKeys.ConversationIndex(userId), null, StateOperationType.Delete, indexETag)];
            if (await TryTransactAsync(operations, attempt, cancellationToken))
            {
                return;
            }
        }

        throw new DaprException($"The conversations of user {userId} could not be deleted after repeated conflicts.");
    }

    private static StateTransactionRequest Write(string key, byte[] value, string etag) =>
        string.IsNullOrEmpty(etag)
            ? new(key, value, StateOperationType.Upsert, options: FirstWrite, metadata: Ttl)
            : new(key, value, StateOperationType.Upsert, etag, metadata: Ttl);

    private async Task<(ConversationIndex Index, string ETag)> ReadIndexAsync(string userId, CancellationToken cancellationToken)
    {
        var (index, etag) = await dapr.GetStateAndETagAsync<ConversationIndex?>(DaprNames.StateStore, StateKeys.ConversationIndex(userId), cancellationToken: cancellationToken);
        return (index ?? new ConversationIndex([]), etag);
    }

    private async Task<bool> TryTransactAsync(IReadOnlyList<StateTransactionRequest> operations, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprNames.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException ex)
        {
            logger.LogDebug(ex, "Conversation transaction attempt {Attempt} failed", attempt);
            await Task.Delay(Random.Shared.Next(2, 10 * attempt), cancellationToken);
            return false;
        }
    }
}
