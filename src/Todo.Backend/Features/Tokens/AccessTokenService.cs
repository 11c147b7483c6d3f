using Dapr;
using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Features.Tokens;

/// <summary>
/// Personal access tokens for MCP clients: 256 random bits shown once, stored only as a SHA-256 hash. The hash key
/// and the user's token list change together in one state transaction guarded by the list's ETag.
/// </summary>
internal sealed class AccessTokenService(DaprClient dapr, TimeProvider time, ILogger<AccessTokenService> logger)
{
    public const int MaxTokensPerUser = 20;
    public const int MaxNameLength = 64;
    private const int MaxAttempts = 8;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ServiceResult<CreatedAccessToken>> CreateAsync(string userId, string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return ServiceError.Invalid("name", $"Give the token a name of 1–{MaxNameLength} characters, e.g. the client that will use it.");
        }

        var secret = SecretTokens.New(UserTokenDefaults.AccessTokenPrefix);
        var entry = new AccessTokenEntry(Ids.New(), name, Hash(secret), time.GetUtcNow(), null);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (index, etag) = await ReadIndexAsync(userId, cancellationToken);
            if (index.Tokens.Count >= MaxTokensPerUser)
            {
                return new ServiceError(ServiceErrorKind.LimitReached, $"You can have at most {MaxTokensPerUser} access tokens; revoke one first.");
            }

            index.Tokens.Add(entry);
            List<StateTransactionRequest> operations =
            [
                new(StateKeys.AccessToken(entry.Hash), dapr.Serialize(new AccessTokenRecord(entry.Id, userId)), StateOperationType.Upsert),
                IndexWrite(userId, index, etag),
            ];
            if (await TryTransactAsync(operations, cancellationToken))
            {
                logger.LogInformation("Access token {TokenId} created for user {UserId}", entry.Id, userId);
                return new CreatedAccessToken(entry.Id, entry.Name, secret, entry.CreatedAt);
            }
        }

        return new ServiceError(ServiceErrorKind.Conflict, "Your tokens changed at the same time; try again.");
    }

    public async Task<IReadOnlyList<AccessTokenInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var (index, _) = await ReadIndexAsync(userId, cancellationToken);
        return index.Tokens.OrderByDescending(t => t.CreatedAt).Select(t => new AccessTokenInfo(t.Id, t.Name, t.CreatedAt, t.LastUsedAt)).ToList();
    }

    public async Task<ServiceResult<bool>> RevokeAsync(string userId, string tokenId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (index, etag) = await ReadIndexAsync(userId, cancellationToken);
            var entry = index.Tokens.FirstOrDefault(t => t.Id == tokenId);
            if (entry is null)
            {
                return ServiceError.NotFound("The access token");
            }

            index.Tokens.Remove(entry);
            List<StateTransactionRequest> operations =
            [
                new(StateKeys.AccessToken(entry.Hash), null, StateOperationType.Delete),
                IndexWrite(userId, index, etag),
            ];
            if (await TryTransactAsync(operations, cancellationToken))
            {
                logger.LogInformation("Access token {TokenId} revoked for user {UserId}", tokenId, userId);
                return true;
            }
        }

        return new ServiceError(ServiceErrorKind.Conflict, "Your tokens changed at the same time; try again.");
    }

    /// <summary>Deletes every token of a user and the list (account deletion), in one transaction guarded by the list's ETag.</summary>
    public async Task DeleteAllAsync(string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (index, etag) = await ReadIndexAsync(userId, cancellationToken);
            if (string.IsNullOrEmpty(etag) && index.Tokens.Count == 0)
            {
                return;
            }

            List<StateTransactionRequest> operations =
            [
                .. index.Tokens.Select(t => new StateTransactionRequest(StateKeys.AccessToken(t.Hash), null, StateOperationType.Delete)),
                new(StateKeys.AccessTokenIndex(userId), null, StateOperationType.Delete, etag),
            ];
            if (await TryTransactAsync(operations, cancellationToken))
            {
                logger.LogInformation("All {Count} access tokens of user {UserId} deleted", index.Tokens.Count, userId);
                return;
            }
        }

        throw new DaprException($"The access tokens of user {userId} could not be deleted after repeated conflicts.");
    }

    /// <summary>The token's owner, or null when the token is unknown or revoked. Records "last used" (to the minute).</summary>
    public async Task<AccessTokenRecord?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(UserTokenDefaults.AccessTokenPrefix, StringComparison.Ordinal) || token.Length > 128)
        {
            return null;
        }

        var hash = Hash(token);
        var record = await dapr.GetStateAsync<AccessTokenRecord?>(DaprNames.StateStore, StateKeys.AccessToken(hash), cancellationToken: cancellationToken);
        if (record is not null)
        {
            await TouchAsync(record, cancellationToken);
        }

        return record;
    }

    private async Task TouchAsync(AccessTokenRecord record, CancellationToken cancellationToken)
    {
        var (index, etag) = await ReadIndexAsync(record.UserId, cancellationToken);
        var position = index.Tokens.FindIndex(t => t.Id == record.TokenId);
        var now = time.GetUtcNow();
        if (position < 0 || index.Tokens[position].LastUsedAt > now - LastUsedResolution)
        {
            return;
        }

        index.Tokens[position] = index.Tokens[position] with { LastUsedAt = now };
        // Best effort: losing a race only loses a "last used" timestamp.
        await dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.AccessTokenIndex(record.UserId), index, etag, cancellationToken: cancellationToken);
    }

    private async Task<(AccessTokenIndex Index, string ETag)> ReadIndexAsync(string userId, CancellationToken cancellationToken)
    {
        var (index, etag) = await dapr.GetStateAndETagAsync<AccessTokenIndex?>(DaprNames.StateStore, StateKeys.AccessTokenIndex(userId), cancellationToken: cancellationToken);
        return (index ?? new AccessTokenIndex([]), etag);
    }

    private StateTransactionRequest IndexWrite(string userId, AccessTokenIndex index, string etag) =>
        SecretTokens.GuardedWrite(dapr, StateKeys.AccessTokenIndex(userId), index, etag);

    private Task<bool> TryTransactAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken) =>
        SecretTokens.TryTransactAsync(dapr, operations, logger, cancellationToken);

    private static string Hash(string token) => SecretTokens.Hash(token);
}
