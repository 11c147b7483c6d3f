using System.Security.Claims;

namespace Todo.Backend.Features.Auth;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The user id (<c>sub</c>) of an authenticated principal; both token kinds put it there.</summary>
    public static string? FindUserId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(TodoClaims.Subject) : null;
}

/// <summary>Claim names used by both token kinds.</summary>
internal static class TodoClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string TokenId = "token_id";
}
