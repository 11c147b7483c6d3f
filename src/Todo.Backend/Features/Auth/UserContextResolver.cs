using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Todo.Backend.Features.Accounts;

namespace Todo.Backend.Features.Auth;

/// <summary>
/// Turns the authenticated principal into a <see cref="UserContext"/>. Profiles are cached briefly because every
/// request needs the user's time zone; a profile update evicts the entry on this replica.
/// </summary>
internal sealed class UserContextResolver(AccountStore accounts, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindUserId() is not { } userId)
        {
            return null;
        }

        if (cache.TryGetValue(CacheKey(userId), out UserContext? cached))
        {
            return cached;
        }

        if (await accounts.FindAsync(userId, cancellationToken) is not { } user)
        {
            return null;
        }

        AccountRules.TryFindTimeZone(user.TimeZone, out var zone);
        var context = new UserContext(user.Id, zone, user.DefaultReminderMinutes);
        cache.Set(CacheKey(userId), context, CacheFor);
        return context;
    }

    public void Evict(string userId) => cache.Remove(CacheKey(userId));

    private static string CacheKey(string userId) => $"user-context:{userId}";
}
