using System.Security.Claims;

namespace Todo.Web.Features.Accounts;

/// <summary>
/// Who is signed in, as the cookie carries it: only the id, username and display name. Everything else (time zone,
/// default reminder) is read from the backend when needed, so the cookie never goes stale on those.
/// </summary>
public sealed record SignedInUser(string UserId, string Username, string DisplayName)
{
    public const string DisplayNameClaim = "display_name";

    public static SignedInUser? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue(ClaimTypes.Name);
        return principal.Identity?.IsAuthenticated == true && id is not null && name is not null
            ? new SignedInUser(id, name, principal.FindFirstValue(DisplayNameClaim) ?? name)
            : null;
    }

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, UserId),
            new Claim(ClaimTypes.Name, Username),
            new Claim(DisplayNameClaim, DisplayName),
        ],
        scheme));
}
