namespace Todo.Backend.Features.Accounts;

/// <summary>A user account as stored in the state store (key <c>user-{id}</c>).</summary>
internal sealed record UserRecord(
    string Id,
    string Username,
    string DisplayName,
    string PasswordHash,
    string TimeZone,
    int? DefaultReminderMinutes,
    DateTimeOffset CreatedAt);

/// <summary>The username → user id claim (key <c>username-{name}</c>), written first-write so names stay unique.</summary>
internal sealed record UsernameClaim(string UserId);
