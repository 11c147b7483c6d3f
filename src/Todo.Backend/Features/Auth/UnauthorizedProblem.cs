using Microsoft.AspNetCore.Authentication;

namespace Todo.Backend.Features.Auth;

/// <summary>The 401 ProblemDetails of the user-token and access-token handlers.</summary>
internal static class UnauthorizedProblem
{
    public const string Missing = "Sign in first: this request needs a user token from todo-web or a personal access token (Authorization: Bearer …).";

    public const string InvalidUserToken = "Your sign-in is no longer valid (the user token is expired, malformed or not signed by todo-web); sign in again.";

    /// <summary>
    /// Writes the 401. <paramref name="reason"/> is shown only when it is one of our own sentences
    /// (<see cref="AuthenticationFailureException"/>); token library messages are not for people.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, Exception? failure, string? realmError = "invalid_token")
    {
        var detail = failure switch
        {
            null => Missing,
            AuthenticationFailureException own => own.Message,
            _ => InvalidUserToken,
        };
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = failure is null ? "Bearer realm=\"todo\"" : $"Bearer realm=\"todo\", error=\"{realmError}\"";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Not signed in", Detail = detail },
        });
    }
}
