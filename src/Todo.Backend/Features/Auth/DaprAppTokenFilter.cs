using System.Security.Cryptography;
using System.Text;

namespace Todo.Backend.Features.Auth;

/// <summary>
/// Job callbacks and topic routes are called by the Dapr sidecar, not by users. When the sidecar is configured with
/// an app token (APP_API_TOKEN), it sends it as <c>dapr-api-token</c> and anything without it is refused.
/// </summary>
internal sealed class DaprAppTokenFilter(IConfiguration configuration) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration["APP_API_TOKEN"];
        if (string.IsNullOrEmpty(expected))
        {
            return next(context);
        }

        var actual = context.HttpContext.Request.Headers["dapr-api-token"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected)))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                "This route is for the Dapr sidecar and needs its app token.", statusCode: StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }
}

internal static class DaprAppTokenFilterExtensions
{
    public static TBuilder RequireDaprAppToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, DaprAppTokenFilter>();
}
