using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>The chat API: the signed-in user's own conversations with the assistant.</summary>
internal static class ChatEndpoints
{
    public static WebApplication MapChat(this WebApplication app)
    {
        var chat = app.MapGroup("/api/chat").WithTags("Chat").RequireUser();
        chat.MapPost("/", SendAsync).WithName("Chat").WithSummary("Sends a message to the assistant; starts a conversation when conversationId is null.");
        chat.MapGet("/conversations", ListAsync).WithName("ListConversations").WithSummary("Lists your conversations, newest first.");
        chat.MapGet("/conversations/{id}", GetAsync).WithName("GetConversation").WithSummary("Gets a conversation with its messages.");
        chat.MapDelete("/conversations/{id}", DeleteAsync).WithName("DeleteConversation").WithSummary("Deletes a conversation.");
        return app;
    }

    private static async Task<Results<Ok<ChatResponse>, ProblemHttpResult>> SendAsync(
        HttpContext http, UserContext user, ChatService chat, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ChatRequest>(http.Request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ProblemResults.From(bodyError);
        }

        var result = await chat.SendAsync(http.User, user, body.Value!, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Ok<IReadOnlyList<ConversationSummary>>> ListAsync(UserContext user, ConversationStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(user.UserId, cancellationToken));

    private static async Task<Results<Ok<Conversation>, ProblemHttpResult>> GetAsync(
        string id, UserContext user, ConversationStore store, CancellationToken cancellationToken)
    {
        var (conversation, _) = await store.GetAsync(user.UserId, id, cancellationToken);
        return conversation is null ? ProblemResults.From(ServiceError.NotFound("The conversation")) : TypedResults.Ok(conversation.ToContract());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, UserContext user, ConversationStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(user.UserId, id, cancellationToken)
            ? TypedResults.NoContent()
            : ProblemResults.From(ServiceError.NotFound("The conversation"));
}
