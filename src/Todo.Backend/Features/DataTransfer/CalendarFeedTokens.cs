using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.DataTransfer;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// The calendar feed's secret, one per user, kept as the access tokens are (Features/Tokens): 256 random bits shown
/// once, stored only as a SHA-256 hash (key <c>ical-{hash}</c> → user), with the user's record (<c>icals-{userId}</c>)
/// holding the hash so it can be revoked; both change in one state transaction guarded by the record's ETag. Making
/// a new one revokes the old one. The token is a capability: calendar apps fetch a plain URL and cannot send a
/// header, so whoever has the URL reads the feed (read-only: titles and due dates of open tasks) until it is revoked.
/// </summary>
internal sealed class CalendarFeedTokens(DaprClient dapr, TimeProvider time, ILogger<CalendarFeedTokens> logger)
{
    public const string Prefix = "todo_ical_";
    private const int MaxAttempts = 8;

    public async Task<ServiceResult<CreatedCalendarFeed>> CreateAsync(string userId, CancellationToken cancellationToken)
    {
        var token = SecretTokens.New(Prefix);
        var record = new CalendarFeedRecord(Hash(token), time.GetUtcNow());
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (current, etag) = await ReadAsync(userId, cancellationToken);
            List<StateTransactionRequest> operations =
            [
                new(TokenKey(record.Hash), dapr.Serialize(new CalendarFeedOwner(userId)), StateOperationType.Upsert),
                RecordWrite(userId, record, etag),
            ];
            if (current is not null)
            {
                operations.Insert(0, new(TokenKey(current.Hash), null, StateOperationType.Delete));
            }

            if (await TryTransactAsync(operations, cancellationToken))
            {
                logger.LogInformation("Calendar feed token created for user {UserId} (a previous one revoked: {Replaced})", userId, current is not null);
                return new CreatedCalendarFeed(token, record.CreatedAt);
            }
        }

        return new ServiceError(ServiceErrorKind.Conflict, "Your calendar feed changed at the same time; try again.");
    }

    public async Task<CalendarFeedInfo> InfoAsync(string userId, CancellationToken cancellationToken)
    {
        var (current, _) = await ReadAsync(userId, cancellationToken);
        return new CalendarFeedInfo(current is not null, current?.CreatedAt);
    }

    /// <summary>Revokes the feed; true when there was one.</summary>
    public async Task<ServiceResult<bool>> RevokeAsync(string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (current, etag) = await ReadAsync(userId, cancellationToken);
            if (current is null)
            {
                return ServiceError.NotFound("A calendar feed");
            }

            List<StateTransactionRequest> operations =
            [
                new(TokenKey(current.Hash), null, StateOperationType.Delete),
                new(RecordKey(userId), null, StateOperationType.Delete, etag),
            ];
            if (await TryTransactAsync(operations, cancellationToken))
            {
                logger.LogInformation("Calendar feed token revoked for user {UserId}", userId);
                return true;
            }
        }

        return new ServiceError(ServiceErrorKind.Conflict, "Your calendar feed changed at the same time; try again.");
    }

    /// <summary>The user a feed token belongs to, or null for an unknown, revoked or malformed one.</summary>
    public async Task<string?> ResolveAsync(string? token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }

        var owner = await dapr.GetStateAsync<CalendarFeedOwner?>(DaprNames.StateStore, TokenKey(Hash(token!)), cancellationToken: cancellationToken);
        return owner?.UserId;
    }

    /// <summary>The shape of a token this service makes (checked before any state read).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: > 10 and <= 80 } && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    private async Task<(CalendarFeedRecord? Record, string ETag)> ReadAsync(string userId, CancellationToken cancellationToken) =>
        await dapr.GetStateAndETagAsync<CalendarFeedRecord?>(DaprNames.StateStore, RecordKey(userId), cancellationToken: cancellationToken);

    private StateTransactionRequest RecordWrite(string userId, CalendarFeedRecord record, string etag) =>
        SecretTokens.GuardedWrite(dapr, RecordKey(userId), record, etag);

    private Task<bool> TryTransactAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken) =>
        SecretTokens.TryTransactAsync(dapr, operations, logger, cancellationToken);

    private static string TokenKey(string hash) => StateKeys.CalendarFeedToken(hash);

    private static string RecordKey(string userId) => StateKeys.CalendarFeed(userId);

    private static string Hash(string token) => SecretTokens.Hash(token);
}

/// <summary>What a feed token's hash resolves to.</summary>
internal sealed record CalendarFeedOwner(string UserId);

/// <summary>A user's feed: the hash of its token (to revoke it) and when it was made.</summary>
internal sealed record CalendarFeedRecord(string Hash, DateTimeOffset CreatedAt);
