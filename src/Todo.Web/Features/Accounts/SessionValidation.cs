using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Accounts;

/// <summary>
/// Checks a cookie's session with the backend (which compares the session stamp and sees deleted accounts) on every
/// request for a page, the Blazor circuit or a hub, so a password change, "sign out everywhere" or a deletion ends the
/// session at its next page load on every device. Static files (a path with an extension) are not checked: a page
/// load fetches dozens of them and they reveal nothing. If the backend cannot be reached the cookie is kept: every
/// backend call carries the stamp and is refused anyway.
/// </summary>
internal static class SessionValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (Path.HasExtension(context.Request.Path.Value) || SignedInUser.From(context.Principal!) is not { } user)
        {
            return;
        }

        var backend = context.HttpContext.RequestServices.GetRequiredService<BackendClient>();
        if (!await IsValidAsync(backend, user, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>False only when the backend says the session is over (401); unknown outcomes count as valid.</summary>
    public static async Task<bool> IsValidAsync(BackendClient backend, SignedInUser user, CancellationToken cancellationToken)
    {
        try
        {
            await backend.GetProfileAsync(user, cancellationToken);
            return true;
        }
        catch (BackendProblem problem) when (problem.Status == StatusCodes.Status401Unauthorized)
        {
            return false;
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException or OperationCanceledException)
        {
            return true;
        }
    }
}
