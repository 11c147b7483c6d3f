using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Todo.Contracts.Accounts;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Accounts;

/// <summary>
/// Cookie sign-in for people. The sign-in, register and Settings pages post plain HTML forms (with an antiforgery
/// token) to these endpoints, because only a real HTTP response can set or clear the cookie; the backend checks the
/// password. The cookie carries the account's session stamp and is checked against the backend on page requests
/// (<see cref="SessionValidation"/>), so a session ended elsewhere stops at the next page load.
/// </summary>
internal static class AccountEndpoints
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "todo.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Local runs use plain http; behind TLS in Kubernetes the cookie is Secure automatically.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.LoginPath = "/sign-in";
                options.LogoutPath = "/account/sign-out";
                options.AccessDeniedPath = "/sign-in";
                options.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;
                // The hub is called by scripts, not people: answer 401 instead of redirecting to the sign-in page.
                options.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments(Live.NotificationsHub.Path))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        // Not the not-found page: re-executing a POST as a page would fail antiforgery with a 400.
                        context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<CurrentUser>();
        // Open tabs (circuits) never send the cookie again: re-check their session with the backend every minute.
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        // Data protection keys (which protect the cookie and antiforgery tokens) stay in memory: fine for one replica.
        // With several replicas every pod must share the key ring (see docs/web.md).
        return builder;
    }

    public static void MapAccounts(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/sign-in", SignInAsync);
        account.MapPost("/register", RegisterAsync);
        // No form fields to bind, so antiforgery is checked explicitly: only form binding enforces it on its own, and a
        // cross-site post must not sign people out.
        account.MapPost("/sign-out", SignOutAsync).RequireValidAntiforgeryToken();

        // Settings → Account. Identity comes from the cookie only, never from a form field.
        var signedIn = account.MapGroup("").RequireAuthorization();
        signedIn.MapPost("/change-password", ChangePasswordAsync);
        signedIn.MapPost("/sign-out-everywhere", SignOutEverywhereAsync).RequireValidAntiforgeryToken();
        signedIn.MapPost("/delete", DeleteAccountAsync);
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, BackendClient backend, CancellationToken cancellationToken)
    {
        try
        {
            var profile = await backend.SignInAsync(new SignInRequest(username, password), cancellationToken);
            await IssueCookieAsync(http, profile);
            return TypedResults.LocalRedirect(SafeReturnUrl(returnUrl));
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            return TypedResults.LocalRedirect($"/sign-in?error={Uri.EscapeDataString(ex.Message)}&username={Uri.EscapeDataString(username ?? "")}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
        }
    }

    private static async Task<IResult> RegisterAsync(
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? displayName, [FromForm] string? timeZone,
        HttpContext http, BackendClient backend, CancellationToken cancellationToken)
    {
        try
        {
            var zone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone;
            var profile = await backend.RegisterAsync(new RegisterRequest(username, password, displayName, zone), cancellationToken);
            var user = new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp);
            // New accounts remind at the due time of timed tasks; Settings changes the offset or turns it off.
            await backend.UpdateProfileAsync(user, new UpdateProfileRequest(profile.DisplayName, profile.TimeZone, 0), cancellationToken);
            await IssueCookieAsync(http, profile);
            return TypedResults.LocalRedirect("/");
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            return TypedResults.LocalRedirect($"/register?error={Uri.EscapeDataString(ex.Message)}&username={Uri.EscapeDataString(username ?? "")}");
        }
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/sign-in");
    }

    /// <summary>
    /// Changes the password; the backend ends every other session by replacing the session stamp, and this one
    /// carries on with a cookie re-issued for the new stamp.
    /// </summary>
    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword,
        HttpContext http, BackendClient backend, CancellationToken cancellationToken)
    {
        var user = SignedInUser.From(http.User)!;
        if (newPassword != confirmPassword)
        {
            return SettingsRedirect("passwordError", "The new password and its confirmation differ; type the same new password twice.");
        }

        try
        {
            var profile = await backend.ChangePasswordAsync(user, new ChangePasswordRequest(currentPassword, newPassword), cancellationToken);
            await IssueCookieAsync(http, profile);
            return TypedResults.LocalRedirect("/settings?notice=password-changed");
        }
        catch (BackendProblem problem) when (problem.Status == StatusCodes.Status401Unauthorized)
        {
            return await SessionEndedAsync(http);
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            return SettingsRedirect("passwordError", ex.Message);
        }
    }

    private static async Task<IResult> SignOutEverywhereAsync(HttpContext http, BackendClient backend, CancellationToken cancellationToken)
    {
        try
        {
            await backend.SignOutEverywhereAsync(SignedInUser.From(http.User)!, cancellationToken);
        }
        catch (BackendProblem problem) when (problem.Status == StatusCodes.Status401Unauthorized)
        {
            // Already ended elsewhere: the outcome the person wanted.
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            return SettingsRedirect("sessionsError", ex.Message);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/sign-in?notice=signed-out-everywhere");
    }

    /// <summary>Deletes the account after the password and typing the username confirm it, then clears the cookie.</summary>
    private static async Task<IResult> DeleteAccountAsync(
        [FromForm] string? password, [FromForm] string? confirmUsername,
        HttpContext http, BackendClient backend, CancellationToken cancellationToken)
    {
        var user = SignedInUser.From(http.User)!;
        if (!string.Equals(confirmUsername?.Trim(), user.Username, StringComparison.OrdinalIgnoreCase))
        {
            return SettingsRedirect("deleteError", $"Type your username ({user.Username}) to confirm that the account should be deleted.");
        }

        try
        {
            await backend.DeleteAccountAsync(user, new DeleteAccountRequest(password), cancellationToken);
        }
        catch (BackendProblem problem) when (problem.Status == StatusCodes.Status401Unauthorized)
        {
            return await SessionEndedAsync(http);
        }
        catch (BackendProblem problem) when (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // The backend locked the account before it failed: this session is over either way.
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect($"/sign-in?error={Uri.EscapeDataString(problem.Message)}");
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            return SettingsRedirect("deleteError", ex.Message);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/sign-in?notice=account-deleted");
    }

    private static async Task<IResult> SessionEndedAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/sign-in?notice=session-ended");
    }

    private static RedirectHttpResult SettingsRedirect(string field, string message) =>
        TypedResults.LocalRedirect($"/settings?{field}={Uri.EscapeDataString(message)}");

    private static Task IssueCookieAsync(HttpContext http, UserProfile profile) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp).ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = true });

    // Only paths on this site: an absolute or protocol-relative URL would be an open redirect.
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
