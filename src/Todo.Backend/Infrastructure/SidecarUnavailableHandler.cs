using Dapr;
using Microsoft.AspNetCore.Diagnostics;

namespace Todo.Backend.Infrastructure;

/// <summary>
/// A failing Dapr sidecar (state store down, sidecar restarting) is not the client's fault and not a bug: answer 503
/// with a ProblemDetails that says to retry, instead of a bare 500.
/// </summary>
internal sealed class SidecarUnavailableHandler(IProblemDetailsService problems, ILogger<SidecarUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (DaprException or HttpRequestException))
        {
            return false;
        }

        logger.LogError(exception, "A Dapr building block failed while serving {Path}", context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is temporarily unavailable",
                Detail = "The task service could not reach its storage or messaging, so your request may not have been completed. Try again in a few seconds.",
            },
        });
    }
}
