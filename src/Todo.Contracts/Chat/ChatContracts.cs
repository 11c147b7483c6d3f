using System.Text.Json;

namespace Todo.Contracts.Chat;

/// <summary>Body of <c>POST /api/chat</c>.</summary>
/// <param name="ConversationId">An existing conversation to continue, or null to start a new one.</param>
/// <param name="Message">What the user typed (1–2,000 characters).</param>
public sealed record ChatRequest(string? ConversationId, string? Message);

/// <summary>The assistant's answer to one message.</summary>
/// <param name="ConversationId">The conversation the exchange was saved in.</param>
/// <param name="Reply">The assistant's reply, short and naming what changed.</param>
/// <param name="Actions">The tool calls the assistant made for this message, in order.</param>
public sealed record ChatResponse(string ConversationId, string Reply, IReadOnlyList<ChatAction> Actions);

/// <summary>One tool call made by the assistant (the same tools <c>/mcp</c> exposes).</summary>
/// <param name="Tool">Tool name, e.g. <c>add_task</c>.</param>
/// <param name="Arguments">The arguments it was called with.</param>
/// <param name="TaskIds">The tasks it created, changed or listed.</param>
/// <param name="Succeeded">False when the tool reported an error.</param>
public sealed record ChatAction(string Tool, JsonElement Arguments, IReadOnlyList<string> TaskIds, bool Succeeded = true);

/// <summary>One message of a conversation.</summary>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Text">The message text.</param>
/// <param name="At">When it was said (UTC).</param>
/// <param name="Actions">For assistant messages, the tool calls made.</param>
public sealed record ChatMessage(string Role, string Text, DateTimeOffset At, IReadOnlyList<ChatAction>? Actions = null);

/// <summary>A conversation as listed.</summary>
public sealed record ConversationSummary(string Id, string Title, DateTimeOffset UpdatedAt, int MessageCount);

/// <summary>A whole conversation.</summary>
public sealed record Conversation(string Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ChatMessage> Messages);
