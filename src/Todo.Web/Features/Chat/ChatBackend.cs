using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Features.Chat;

/// <summary>The chat panel's calls through <see cref="BackendClient"/> (Dapr service invocation) for one signed-in user.</summary>
internal sealed class ChatBackend(BackendClient backend, SignedInUser user) : IChatBackend
{
    public Task<ChatResponse> SendAsync(ChatRequest request) => backend.ChatAsync(user, request);

    public Task<ConversationPage> ListConversationsAsync(string? cursor = null) => backend.ListConversationsAsync(user, cursor);

    public Task<Conversation> GetConversationAsync(string id) => backend.GetConversationAsync(user, id);

    public Task<ChatResponse> UndoAsync(string conversationId, string undoToken) => backend.UndoChatChangeAsync(user, conversationId, undoToken);

    public Task<TaskDto> GetTaskAsync(string id) => backend.GetTaskAsync(user, id);

    public Task<TaskDto> SaveTaskAsync(string id, CreateTaskRequest request, string? etag) => backend.ReplaceTaskAsync(user, id, request, etag);

    public async Task<(TimeZoneInfo Zone, IReadOnlyList<string> Tags)> GetEditorContextAsync()
    {
        var profile = backend.GetProfileAsync(user);
        var tags = backend.ListTagsAsync(user);
        return (DueText.FindZone((await profile).TimeZone), (await tags).Select(t => t.Tag).ToArray());
    }
}
