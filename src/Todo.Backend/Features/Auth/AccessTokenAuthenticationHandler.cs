using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Todo.Backend.Features.Tokens;

namespace Todo.Backend.Features.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer todo_pat_…</c> personal access tokens (MCP clients) by looking up the
/// SHA-256 hash of the token in the state store.
/// </summary>
internal sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var record = await tokens.ValidateAsync(token, Context.RequestAborted);
        if (record is null)
        {
            return AuthenticateResult.Fail("The access token is not valid or was revoked; create a new one in the web app's Settings.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(TodoClaims.Subject, record.UserId), new Claim(TodoClaims.TokenId, record.TokenId)],
            SchemeName, TodoClaims.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await UnauthorizedProblem.WriteAsync(Context, result.Failure ?? new AuthenticationFailureException(UnauthorizedProblem.Missing));
    }
}

/// <summary>Reads the bearer token of a request.</summary>
internal static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
