namespace Todo.Backend.Features.Accounts;

/// <summary>A user account as stored in the state store (key <c>user-{id}</c>).</summary>
/// <param name="SessionStamp">
/// Replaced by a password change or "sign out everywhere"; user tokens must carry the current one. Null until the first
/// change (accounts from before stamps existed, and new ones), which matches tokens that carry none.
/// </param>
/// <param name="DeletingSince">Set when a deletion starts: from then on the account no longer exists for anyone.</param>
/// <param name="Theme">The saved light/dark choice; null (accounts from before themes, and new ones) means "system".</param>
internal sealed record UserRecord(
    string Id,
    string Username,
    string DisplayName,
    string PasswordHash,
    string TimeZone,
    int? DefaultReminderMinutes,
    DateTimeOffset CreatedAt,
    string? SessionStamp = null,
    DateTimeOffset? DeletingSince = null,
    string? Theme = null);

/// <summary>The username → user id claim (key <c>username-{name}</c>), written first-write so names stay unique.</summary>
internal sealed record UsernameClaim(string UserId);
