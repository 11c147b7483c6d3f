namespace Todo.Contracts.Accounts;

/// <summary>Body of <c>POST /api/accounts/register</c>.</summary>
public sealed record RegisterRequest(string? Username, string? Password, string? DisplayName = null, string? TimeZone = null);

/// <summary>Body of <c>POST /api/accounts/sign-in</c>.</summary>
public sealed record SignInRequest(string? Username, string? Password);

/// <summary>The signed-in user's profile.</summary>
/// <param name="UserId">Stable user id.</param>
/// <param name="Username">Unique sign-in name.</param>
/// <param name="DisplayName">Name shown in the UI.</param>
/// <param name="TimeZone">IANA time zone id, e.g. <c>Europe/Berlin</c>.</param>
/// <param name="DefaultReminderMinutes">Default reminder offset before a due time, in minutes; null for none.</param>
/// <param name="SessionStamp">
/// The account's current session stamp, only in the answers to register, sign-in and change-password (null elsewhere).
/// todo-web keeps it in its cookie and signs it into every user token; changing the password or signing out everywhere
/// replaces it, which ends every session that still carries the old one. It is a version marker, not a secret.
/// </param>
/// <param name="Theme">Light/dark choice saved with the settings: <c>system</c> (default), <c>light</c> or <c>dark</c> (see <see cref="Themes"/>).</param>
public sealed record UserProfile(string UserId, string Username, string DisplayName, string TimeZone, int? DefaultReminderMinutes, string? SessionStamp = null,
    string Theme = Themes.System);

/// <summary>Body of <c>PUT /api/me</c>.</summary>
/// <param name="DisplayName">Name shown in the UI (required).</param>
/// <param name="TimeZone">IANA time zone id (required).</param>
/// <param name="DefaultReminderMinutes">Default reminder offset in minutes; null for none.</param>
/// <param name="Theme"><c>system</c>, <c>light</c> or <c>dark</c>; null (or absent) keeps the saved choice.</param>
public sealed record UpdateProfileRequest(string? DisplayName, string? TimeZone, int? DefaultReminderMinutes, string? Theme = null);

/// <summary>Body of <c>POST /api/me/password</c> (signed-in session only; ends every other session).</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Body of <c>POST /api/me/delete</c> (signed-in session only): the password confirms the deletion.</summary>
public sealed record DeleteAccountRequest(string? Password);

/// <summary>Body of <c>POST /api/tokens</c>.</summary>
public sealed record CreateAccessTokenRequest(string? Name);

/// <summary>A personal access token as listed (never includes the secret).</summary>
public sealed record AccessTokenInfo(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>The answer to creating a token: the secret is shown this once and never again.</summary>
public sealed record CreatedAccessToken(string Id, string Name, string Token, DateTimeOffset CreatedAt);
