using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Features.Tokens;

/// <summary>
/// Personal access tokens for MCP clients: create (shown once), list, revoke. Only a signed-in web session may manage
/// them (<see cref="SignedInSession"/>); an access token gets a 403, so a leaked token cannot mint more tokens.
/// </summary>
internal static class AccessTokenEndpoints
{
    public static void MapAccessTokens(this WebApplication app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("Access tokens").RequireSignedInSession();
        group.MapPost("/", CreateAsync).WithName("CreateAccessToken").WithSummary("Creates a personal access token; the token is shown only in this answer.");
        group.MapGet("/", ListAsync).WithName("ListAccessTokens").WithSummary("Lists your access tokens (without secrets).");
        group.MapDelete("/{id}", RevokeAsync).WithName("RevokeAccessToken").WithSummary("Revokes an access token.");
    }

    private static async Task<Results<Created<CreatedAccessToken>, ProblemHttpResult>> CreateAsync(
        CreateAccessTokenRequest? request, ClaimsPrincipal user, AccessTokenService tokens, CancellationToken cancellationToken)
    {
        var result = await tokens.CreateAsync(user.FindUserId()!, request?.Name, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.Created($"/api/tokens/{result.Value!.Id}", result.Value);
    }

    private static async Task<Ok<IReadOnlyList<AccessTokenInfo>>> ListAsync(ClaimsPrincipal user, AccessTokenService tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(user.FindUserId()!, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, ClaimsPrincipal user, AccessTokenService tokens, CancellationToken cancellationToken)
    {
        var result = await tokens.RevokeAsync(user.FindUserId()!, id, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.NoContent();
    }
}
