using System.Text.RegularExpressions;

namespace Todo.Backend.Features.Accounts;

/// <summary>The rules for usernames, passwords, display names, time zones, themes and reminder offsets.</summary>
internal static partial class AccountRules
{
    public const int MinPassword = 8;
    public const int MaxPassword = 128;
    public const int MaxDisplayName = 64;
    public const int MaxReminderMinutes = 40_320;

    public static string NormaliseUsername(string? username) => (username ?? "").Trim().ToLowerInvariant();

    public static string? UsernameError(string username) => UsernamePattern().IsMatch(username)
        ? null
        : "Usernames are 3–32 characters of a–z, 0–9, '.', '_' or '-'.";

    public static string? PasswordError(string? password) => password switch
    {
        null or { Length: < MinPassword } => $"Passwords need at least {MinPassword} characters.",
        { Length: > MaxPassword } => $"Passwords can have at most {MaxPassword} characters.",
        _ => null,
    };

    public static string? DisplayNameError(string? displayName) =>
        displayName is { Length: > MaxDisplayName } ? $"Display names can have at most {MaxDisplayName} characters." : null;

    public static string? TimeZoneError(string? timeZone) =>
        timeZone is null || TryFindTimeZone(timeZone, out _) ? null : $"'{timeZone}' is not a known IANA time zone (for example Europe/Berlin).";

    public static string? ReminderError(int? minutes) =>
        minutes is < 0 or > MaxReminderMinutes ? $"The default reminder must be between 0 and {MaxReminderMinutes} minutes." : null;

    public static string? ThemeError(string? theme) =>
        theme is null || Todo.Contracts.Accounts.Themes.IsKnown(theme) ? null : "The theme must be 'system', 'light' or 'dark'.";

    public static bool TryFindTimeZone(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        // On Linux an id naming a folder of the zone database ("Europe/") throws SecurityException ("no permission
        // to read the file"), not TimeZoneNotFoundException.
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9._-]{3,32}$")]
    private static partial Regex UsernamePattern();
}
