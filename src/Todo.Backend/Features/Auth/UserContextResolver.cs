using System.Security.Claims;
using Todo.Backend.Features.Accounts;

namespace Todo.Backend.Features.Auth;

/// <summary>
/// Turns the authenticated principal into a <see cref="UserContext"/>. The account is read fresh every time (one
/// key): a cache per replica would let a deleted account, or a changed time zone, live on in the other replicas.
/// </summary>
internal sealed class UserContextResolver(AccountStore accounts)
{
    public async Task<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        principal.FindUserId() is { } userId && await accounts.FindAsync(userId, cancellationToken) is { } user
            ? UserContext.From(user)
            : null;
}
