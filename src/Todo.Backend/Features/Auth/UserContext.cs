namespace Todo.Backend.Features.Auth;

/// <summary>
/// Who is acting, resolved from the authenticated principal (never from a URL, body or tool argument), with the
/// profile settings the task rules need.
/// </summary>
internal sealed record UserContext(string UserId, TimeZoneInfo TimeZone, int? DefaultReminderMinutes);
