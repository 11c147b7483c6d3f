using System.Security.Claims;

namespace Todo.Web.Features.Accounts;

/// <summary>
/// Who is signed in, as the cookie carries it: the id, username, display name and the account's session stamp (signed
/// into every user token, so the backend can refuse sessions that a password change or "sign out everywhere" ended).
/// Everything else (time zone, default reminder) is read from the backend when needed, so the cookie never goes stale
/// on those.
/// </summary>
public sealed record SignedInUser(string UserId, string Username, string DisplayName, string? SessionStamp = null)
{
    public const string DisplayNameClaim = "display_name";
    public const string SessionStampClaim = "session_stamp";

    public static SignedInUser? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue(ClaimTypes.Name);
        return principal.Identity?.IsAuthenticated == true && id is not null && name is not null
            ? new SignedInUser(id, name, principal.FindFirstValue(DisplayNameClaim) ?? name, principal.FindFirstValue(SessionStampClaim))
            : null;
    }

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, UserId),
            new(ClaimTypes.Name, Username),
            new(DisplayNameClaim, DisplayName),
        ];
        if (!string.IsNullOrEmpty(SessionStamp))
        {
            claims.Add(new Claim(SessionStampClaim, SessionStamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
