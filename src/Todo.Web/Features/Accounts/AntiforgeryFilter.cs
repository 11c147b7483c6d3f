using Microsoft.AspNetCore.Antiforgery;

namespace Todo.Web.Features.Accounts;

/// <summary>
/// Enforces the antiforgery check of a form post that binds no form fields. The antiforgery middleware only records
/// its verdict (<see cref="IAntiforgeryValidationFeature"/>) and minimal APIs act on it only while binding a form, so
/// an endpoint without fields (sign out, sign out everywhere) would otherwise accept a post from any site that the
/// browser sends the cookie with.
/// </summary>
internal sealed class AntiforgeryFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                "This form expired or was not sent from this site; reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest, title: "Form not accepted"));
}

internal static class AntiforgeryFilterExtensions
{
    public static RouteHandlerBuilder RequireValidAntiforgeryToken(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter<AntiforgeryFilter>();
}
