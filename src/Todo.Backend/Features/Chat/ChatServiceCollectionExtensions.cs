using Microsoft.Extensions.AI;

namespace Todo.Backend.Features.Chat;

internal static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// The chat feature. The assistant is the offline interpreter unless an <see cref="IChatClient"/> is registered:
    /// configuring <c>Chat:Endpoint</c> and <c>Chat:Model</c> registers one for an OpenAI-compatible endpoint, whose key
    /// is the key <c>Chat:ApiKeySecretKey</c> of the secret <c>Chat:ApiKeySecret</c> (tests register a scripted one).
    /// </summary>
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddScoped<ChatService>();
        builder.Services.AddSingleton<OfflineAssistant>();
        if (LazyOpenAIChatClient.IsConfigured(builder.Configuration))
        {
            builder.Services.AddSingleton<IChatClient, LazyOpenAIChatClient>();
        }

        builder.Services.AddSingleton<IAssistant>(services => services.GetService<IChatClient>() switch
        {
            // The OpenAI-compatible client needs its key from the secret store; without it the chat stays offline.
            LazyOpenAIChatClient openAI => new LlmOrOfflineAssistant(openAI,
                new LlmAssistant(openAI, services.GetRequiredService<OfflineAssistant>(), services.GetRequiredService<TimeProvider>()), services.GetRequiredService<OfflineAssistant>()),
            { } model => new LlmAssistant(model, services.GetRequiredService<OfflineAssistant>(), services.GetRequiredService<TimeProvider>()),
            null => services.GetRequiredService<OfflineAssistant>(),
        });
        return builder;
    }
}
