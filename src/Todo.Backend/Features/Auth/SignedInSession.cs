using Microsoft.AspNetCore.Authorization;

namespace Todo.Backend.Features.Auth;

/// <summary>
/// Token management and account changes need a person signed in to todo-web (a user token), not a personal access
/// token: a leaked access token must not be able to mint more tokens, list or revoke them, change the password or
/// delete the account. Access tokens carry no scopes; they are one fixed scope, "the task list", and this requirement
/// is where that line is drawn.
/// </summary>
internal sealed class SignedInSession : IAuthorizationRequirement
{
    public const string Policy = "signed-in-session";
}

internal sealed class SignedInSessionHandler : AuthorizationHandler<SignedInSession>
{
    public const string Refusal =
        "Access tokens cannot manage access tokens or the account. Sign in to the todo web app and use Settings instead.";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInSession requirement)
    {
        if (context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == AuthenticationExtensions.UserTokenScheme))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, Refusal));
        }

        return Task.CompletedTask;
    }
}

internal static class SignedInSessionExtensions
{
    /// <summary>Signed-in web sessions only; personal access tokens get a 403 that says why.</summary>
    public static RouteGroupBuilder RequireSignedInSession(this RouteGroupBuilder group) => group.RequireAuthorization(SignedInSession.Policy);
}
