using Todo.Contracts.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>A conversation as stored (key <c>chat-{userId}-{conversationId}</c>).</summary>
internal sealed record ConversationRecord
{
    public const int MaxMessages = 200;

    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string Title { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public IReadOnlyList<ChatMessage> Messages { get; init; } = [];

    /// <summary>The task ids of the last list shown, so "done 2" means the second of them.</summary>
    public IReadOnlyList<string> LastListed { get; init; } = [];

    /// <summary>The offline assistant's memory between turns: a pending confirmation, the undo of its last change.</summary>
    public ChatMemory? Memory { get; init; }

    public Conversation ToContract() => new(Id, Title, CreatedAt, UpdatedAt, Messages);

    public ConversationSummary ToSummary() => new(Id, Title, UpdatedAt, Messages.Count);
}

/// <summary>A user's conversations, newest first (key <c>chats-{userId}</c>).</summary>
internal sealed record ConversationIndex(List<ConversationSummary> Conversations);
