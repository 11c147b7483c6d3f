using System.Text.Json;

namespace Todo.Contracts.Chat;

/// <summary>Body of <c>POST /api/chat</c>.</summary>
/// <param name="ConversationId">An existing conversation to continue, or null to start a new one.</param>
/// <param name="Message">What the user typed (1–2,000 characters).</param>
public sealed record ChatRequest(string? ConversationId, string? Message);

/// <summary>The assistant's answer to one message.</summary>
/// <param name="ConversationId">The conversation the exchange was saved in.</param>
/// <param name="Reply">The assistant's reply, short and naming what changed.</param>
/// <param name="Actions">The tool calls the assistant made for this message, in order (for diagnostics; show <paramref name="Done"/>).</param>
/// <param name="Done">What the reply changed, in words for people, with the tasks to link to.</param>
/// <param name="UndoToken">Set when the change can be undone: send it to <c>POST /api/chat/conversations/{id}/undo</c>.</param>
public sealed record ChatResponse(
    string ConversationId, string Reply, IReadOnlyList<ChatAction> Actions, IReadOnlyList<ChatDone>? Done = null, string? UndoToken = null);

/// <summary>One change an assistant reply made, e.g. "Added “Buy milk” (due tomorrow)" or "Completed 3 tasks".</summary>
/// <param name="Text">The change in words, in the user's time zone.</param>
/// <param name="TaskIds">The tasks it created or changed (at most <see cref="MaxTaskIds"/>; for deletions, the ids they had).</param>
public sealed record ChatDone(string Text, IReadOnlyList<string> TaskIds)
{
    /// <summary>The most task ids one line carries; "Completed 300 tasks" links the first 100.</summary>
    public const int MaxTaskIds = 100;
}

/// <summary>Body of <c>POST /api/chat/conversations/{id}/undo</c>.</summary>
/// <param name="Token">The <c>undoToken</c> of the reply whose change should be undone; only the latest one works.</param>
public sealed record ChatUndoRequest(string? Token);

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
/// <param name="Actions">For assistant messages, the tool calls made (for diagnostics; show <paramref name="Done"/>).</param>
/// <param name="Done">For assistant messages, what they changed in words, with the task ids.</param>
/// <param name="UndoToken">For the assistant message whose change can still be undone, the token for the undo route.</param>
public sealed record ChatMessage(
    string Role, string Text, DateTimeOffset At, IReadOnlyList<ChatAction>? Actions = null, IReadOnlyList<ChatDone>? Done = null, string? UndoToken = null);

/// <summary>A conversation as listed.</summary>
/// <param name="Id">The conversation id (32 hex characters).</param>
/// <param name="Title">The first message the user sent, shortened to 60 characters.</param>
/// <param name="UpdatedAt">When the last message was added (UTC); the list is sorted by it, newest first.</param>
/// <param name="MessageCount">How many messages it keeps (at most 200; older ones are dropped).</param>
public sealed record ConversationSummary(string Id, string Title, DateTimeOffset UpdatedAt, int MessageCount);

/// <summary>One page of <c>GET /api/chat/conversations</c>.</summary>
/// <param name="Items">Newest first.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
/// <param name="Total">How many conversations the user has (at most 100; the oldest are dropped beyond that).</param>
public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, string? NextCursor, int Total);

/// <summary>A whole conversation.</summary>
public sealed record Conversation(string Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ChatMessage> Messages);
