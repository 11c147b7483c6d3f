using Microsoft.AspNetCore.Builder;

namespace Todo.ServiceDefaults.Http;

public static class RequestProblemsExtensions
{
    /// <summary>
    /// Bad requests (too large, malformed, wrong type or content type) answer a ProblemDetails naming the problem.
    /// Call it after <c>UseExceptionHandler</c> (if any) and before <c>UseCloudEvents</c>.
    /// </summary>
    public static IApplicationBuilder UseRequestProblems(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestProblemsMiddleware>();
}
