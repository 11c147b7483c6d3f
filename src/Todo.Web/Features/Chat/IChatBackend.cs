using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;

namespace Todo.Web.Features.Chat;

/// <summary>
/// What the chat panel asks of todo-backend for the signed-in user: chat turns, the kept conversations, undo, and the
/// task a reply links to (for the editor dialog). Each call throws <c>BackendProblem</c> or
/// <c>BackendUnavailableException</c> as <c>BackendClient</c> does.
/// </summary>
public interface IChatBackend
{
    Task<ChatResponse> SendAsync(ChatRequest request);

    /// <summary>A page of the user's conversations, newest first.</summary>
    Task<ConversationPage> ListConversationsAsync(string? cursor = null);

    Task<Conversation> GetConversationAsync(string id);

    /// <summary>Undoes the change of the reply that carried <paramref name="undoToken"/> (409 when it is no longer the latest).</summary>
    Task<ChatResponse> UndoAsync(string conversationId, string undoToken);

    /// <summary>The task as stored now, with its ETag.</summary>
    Task<TaskDto> GetTaskAsync(string id);

    /// <summary>Saves the whole task from the editor, guarded by <paramref name="etag"/>.</summary>
    Task<TaskDto> SaveTaskAsync(string id, CreateTaskRequest request, string? etag);

    /// <summary>The user's time zone and known tags, for the editor.</summary>
    Task<(TimeZoneInfo Zone, IReadOnlyList<string> Tags)> GetEditorContextAsync();
}
