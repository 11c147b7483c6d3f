using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Accounts;

/// <summary>
/// An open tab's circuit keeps the identity it started with and never sends the cookie again; this re-checks it with
/// the backend every minute, and when the session has ended (password changed elsewhere, signed out everywhere,
/// account deleted) the tab becomes signed out and the router sends it to the sign-in page.
/// </summary>
internal sealed class SessionRevalidatingAuthenticationStateProvider(ILoggerFactory loggers, BackendClient backend)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        SignedInUser.From(authenticationState.User) is { } user
            ? SessionValidation.IsValidAsync(backend, user, cancellationToken)
            : Task.FromResult(true);
}
