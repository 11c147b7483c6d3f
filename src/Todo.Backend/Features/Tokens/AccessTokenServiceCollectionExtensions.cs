namespace Todo.Backend.Features.Tokens;

internal static class AccessTokenServiceCollectionExtensions
{
    public static WebApplicationBuilder AddAccessTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AccessTokenService>();
        return builder;
    }
}
