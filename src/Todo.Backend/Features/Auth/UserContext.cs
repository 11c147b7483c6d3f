using System.Reflection;
using Todo.Backend.Features.Accounts;

namespace Todo.Backend.Features.Auth;

/// <summary>
/// Who is acting, resolved from the authenticated principal (never from a URL, body or tool argument), with the
/// profile settings the task rules need. Endpoints simply take it as a parameter.
/// </summary>
internal sealed record UserContext(string UserId, TimeZoneInfo TimeZone, int? DefaultReminderMinutes)
{
    /// <summary>
    /// Minimal-API binding. Authorization has already run, so the principal is valid; only an account deleted after
    /// its token was issued fails here, which <see cref="AccountGoneHandler"/> turns into a 401.
    /// </summary>
    public static async ValueTask<UserContext?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (context.Items[RememberedKey] is UserRecord user && context.User.FindUserId() == user.Id)
        {
            return From(user);
        }

        var resolver = context.RequestServices.GetRequiredService<UserContextResolver>();
        return await resolver.ResolveAsync(context.User, context.RequestAborted) ?? throw new AccountGoneException();
    }

    /// <summary>Keeps the account that authentication already read, so the request reads it only once.</summary>
    public static void Remember(HttpContext context, UserRecord user) => context.Items[RememberedKey] = user;

    public static UserContext From(UserRecord user)
    {
        AccountRules.TryFindTimeZone(user.TimeZone, out var zone);
        return new UserContext(user.Id, zone, user.DefaultReminderMinutes);
    }

    private static readonly object RememberedKey = new();
}

internal static class UserContextExtensions
{
    /// <summary>Authenticated users only; handlers take a <see cref="UserContext"/> parameter.</summary>
    public static RouteGroupBuilder RequireUser(this RouteGroupBuilder group) => group.RequireAuthorization();
}
