using System.Reflection;

namespace Todo.Backend.Features.Auth;

/// <summary>
/// Who is acting, resolved from the authenticated principal (never from a URL, body or tool argument), with the
/// profile settings the task rules need. Endpoints take it as a parameter; <see cref="UserContextFilter"/> resolves it.
/// </summary>
internal sealed record UserContext(string UserId, TimeZoneInfo TimeZone, int? DefaultReminderMinutes)
{
    internal const string ItemKey = "todo.user-context";

    /// <summary>Minimal-API binding: the filter on the route group has already resolved the user.</summary>
    public static ValueTask<UserContext?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Items[ItemKey] as UserContext);
}

/// <summary>Resolves the <see cref="UserContext"/> of an authenticated request, or answers 401 when the account is gone.</summary>
internal sealed class UserContextFilter(UserContextResolver resolver) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = await resolver.ResolveAsync(http.User, http.RequestAborted);
        if (user is null)
        {
            return TypedResults.Problem("Your account no longer exists or your token is not valid; sign in again.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
        }

        http.Items[UserContext.ItemKey] = user;
        return await next(context);
    }
}

internal static class UserContextFilterExtensions
{
    /// <summary>Authenticated users only, with their <see cref="UserContext"/> available to handlers.</summary>
    public static RouteGroupBuilder RequireUser(this RouteGroupBuilder group)
    {
        group.RequireAuthorization();
        group.AddEndpointFilter<UserContextFilter>();
        return group;
    }
}
