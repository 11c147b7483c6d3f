namespace Todo.Backend.Features.Tokens;

/// <summary>What a token hash resolves to (key <c>pat-{sha256}</c>); the token itself is never stored.</summary>
internal sealed record AccessTokenRecord(string TokenId, string UserId);

/// <summary>A user's tokens as listed (key <c>pats-{userId}</c>), with the hash needed to revoke each.</summary>
internal sealed record AccessTokenIndex(List<AccessTokenEntry> Tokens);

internal sealed record AccessTokenEntry(string Id, string Name, string Hash, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
