using System.Security.Claims;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Mcp;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// One chat exchange: check the message, run the assistant once (its tool calls are not repeated), then append both
/// messages to the latest version of the conversation, keeping the last <see cref="ConversationRecord.MaxMessages"/>.
/// </summary>
internal sealed class ChatService(ConversationStore store, IAssistant assistant, TodoTools tools, TaskToolCore core, TimeProvider time)
{
    public const int MaxMessageLength = 2_000;
    private const int MaxTitle = 60;
    private const int MaxTokenLength = 64;

    /// <summary>What the undo route says on the user's behalf; both assistants read it as an undo.</summary>
    private const string UndoMessage = "undo";

    public async Task<ServiceResult<ChatResponse>> SendAsync(ClaimsPrincipal principal, UserContext user, ChatRequest request, CancellationToken cancellationToken)
    {
        var message = request.Message?.Trim() ?? "";
        if (message.Length == 0)
        {
            return ServiceError.Invalid("message", "Type a message, e.g. \"what's due today?\".");
        }

        if (message.Length > MaxMessageLength)
        {
            return ServiceError.Invalid("message", $"Messages can have at most {MaxMessageLength:N0} characters (this one has {message.Length:N0}); split it up.");
        }

        ConversationRecord? existing = null;
        var id = request.ConversationId;
        if (id is not null)
        {
            (existing, _) = await store.GetAsync(user.UserId, id, cancellationToken);
            if (existing is null)
            {
                return ServiceError.NotFound("The conversation");
            }
        }

        id ??= Ids.New();
        var session = new ToolSession(tools, core, principal, user);
        var turn = new AssistantTurn(principal, user, message, existing?.Messages ?? [], existing?.LastListed ?? [], existing?.Memory);
        var reply = await assistant.ReplyAsync(turn, session, cancellationToken);

        var now = time.GetUtcNow();
        var done = ChatDoneSummary.Describe(session.Outcomes, now, user.TimeZone);
        var memory = reply.Memory;
        string? undoToken = null;
        if (memory is { Undo.Count: > 0 } && !ReferenceEquals(memory.Undo, existing?.Memory?.Undo))
        {
            // A new change to undo: a new token, so the button of an older reply cannot undo this one.
            undoToken = Ids.New();
            memory = memory with { UndoToken = undoToken };
        }

        var said = new ChatMessage("user", message, now);
        var answered = new ChatMessage("assistant", reply.Text, now, session.Actions, done, undoToken);
        var saved = await store.SaveAsync(user.UserId, id, current =>
        {
            if (current is null && request.ConversationId is not null)
            {
                return null; // deleted while we were answering
            }

            var record = current ?? new ConversationRecord
            {
                Id = id,
                UserId = user.UserId,
                Title = message.Length <= MaxTitle ? message : message[..(MaxTitle - 1)] + "…",
                CreatedAt = now,
                UpdatedAt = now,
            };
            return record with
            {
                Messages = [.. record.Messages.Append(said).Append(answered).TakeLast(ConversationRecord.MaxMessages)],
                UpdatedAt = now,
                LastListed = reply.LastListed ?? record.LastListed,
                Memory = memory,
            };
        }, cancellationToken);

        return saved is null
            ? ServiceError.NotFound("The conversation")
            : new ChatResponse(id, reply.Text, session.Actions, done, undoToken);
    }

    /// <summary>
    /// Undoes the change of the reply that carried <paramref name="token"/>, as if the user had said "undo": the turn
    /// is saved like any other, and only the latest change can be undone (an older token answers 409).
    /// </summary>
    public async Task<ServiceResult<ChatResponse>> UndoAsync(ClaimsPrincipal principal, UserContext user, string conversationId, ChatUndoRequest request, CancellationToken cancellationToken)
    {
        var (existing, _) = await store.GetAsync(user.UserId, conversationId, cancellationToken);
        if (existing is null)
        {
            return ServiceError.NotFound("The conversation");
        }

        if (request.Token is not { Length: > 0 and <= MaxTokenLength } token)
        {
            return ServiceError.Invalid("token", "Send the undoToken of the reply to undo.");
        }

        if (existing.Memory is not { Undo.Count: > 0, UndoToken: { } current } || !string.Equals(current, token, StringComparison.Ordinal))
        {
            return new ServiceError(ServiceErrorKind.Conflict, "That change can no longer be undone: only the latest change of a conversation can.");
        }

        return await SendAsync(principal, user, new ChatRequest(conversationId, UndoMessage), cancellationToken);
    }
}
