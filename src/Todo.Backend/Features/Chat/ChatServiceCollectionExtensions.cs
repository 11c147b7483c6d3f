namespace Todo.Backend.Features.Chat;

internal static class ChatServiceCollectionExtensions
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapChat(this WebApplication app) => app;
}
