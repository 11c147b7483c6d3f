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
        var said = new ChatMessage("user", message, now);
        var answered = new ChatMessage("assistant", reply.Text, now, session.Actions);
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
                Memory = reply.Memory,
            };
        }, cancellationToken);

        return saved is null
            ? ServiceError.NotFound("The conversation")
            : new ChatResponse(id, reply.Text, session.Actions);
    }
}
