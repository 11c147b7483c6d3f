using Microsoft.AspNetCore.Diagnostics;

namespace Todo.Backend.Features.Auth;

/// <summary>Thrown by <see cref="UserContext"/> binding when a valid token names an account that was deleted since.</summary>
internal sealed class AccountGoneException() : Exception("The signed-in account no longer exists.");

/// <summary>Answers 401 with a ProblemDetails when a valid token names an account that no longer exists.</summary>
internal sealed class AccountGoneHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AccountGoneException)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Not signed in",
                Detail = "Your account no longer exists or your token is not valid; sign in again.",
            },
        });
    }
}
