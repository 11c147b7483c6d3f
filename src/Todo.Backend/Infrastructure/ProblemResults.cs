using Microsoft.AspNetCore.Http.HttpResults;

namespace Todo.Backend.Infrastructure;

/// <summary>Renders a <see cref="ServiceError"/> as ProblemDetails with the right status code.</summary>
internal static class ProblemResults
{
    public static ProblemHttpResult From(ServiceError error) => error.Kind switch
    {
        ServiceErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", error.Message),
        ServiceErrorKind.PreconditionFailed => Problem(StatusCodes.Status412PreconditionFailed, "The task changed since you read it", error.Message),
        ServiceErrorKind.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", error.Message),
        ServiceErrorKind.LimitReached => Problem(StatusCodes.Status409Conflict, "Limit reached", error.Message),
        ServiceErrorKind.TooManyAttempts => Problem(StatusCodes.Status429TooManyRequests, "Too many attempts", error.Message),
        ServiceErrorKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Your role does not allow this", error.Message),
        ServiceErrorKind.Unprocessable => Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused", error.Message),
        _ => ValidationProblem(error),
    };

    /// <summary>As <see cref="From(ServiceError)"/>, and sends <c>Retry-After</c> when the error says when to try again.</summary>
    public static ProblemHttpResult From(ServiceError error, HttpResponse response)
    {
        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return From(error);
    }

    private static ProblemHttpResult ValidationProblem(ServiceError error) =>
        TypedResults.Problem(new HttpValidationProblemDetails(error.Errors?.ToDictionary() ?? [])
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Detail = error.Message,
        });

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
