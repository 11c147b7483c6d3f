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
        chat.MapGet("/conversations", ListAsync).WithName("ListConversations")
            .WithSummary("Lists your conversations, newest first, a page at a time (limit 1-50, default 20; cursor from nextCursor).");
        chat.MapGet("/conversations/{id}", GetAsync).WithName("GetConversation").WithSummary("Gets a conversation with its messages.");
        chat.MapPost("/conversations/{id}/undo", UndoAsync).WithName("UndoChatChange")
            .WithSummary("Undoes the latest change the assistant made in a conversation, given that reply's undoToken.");
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

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    private static async Task<Results<Ok<ConversationPage>, ProblemHttpResult>> ListAsync(
        UserContext user, ConversationStore store, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return ProblemResults.From(ServiceError.Invalid("limit", $"limit must be a whole number from 1 to {MaxPageSize}."));
        }

        ConversationCursor? after = null;
        if (cursor is not null && !ConversationCursor.TryDecode(cursor, out after))
        {
            return ProblemResults.From(ServiceError.Invalid("cursor", "cursor is not one this API gave out; start again without it."));
        }

        return TypedResults.Ok(await store.ListAsync(user.UserId, size, after, cancellationToken));
    }

    private static async Task<Results<Ok<ChatResponse>, ProblemHttpResult>> UndoAsync(
        string id, HttpContext http, UserContext user, ChatService chat, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ChatUndoRequest>(http.Request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ProblemResults.From(bodyError);
        }

        var result = await chat.UndoAsync(http.User, user, id, body.Value!, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.Ok(result.Value!);
    }

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
