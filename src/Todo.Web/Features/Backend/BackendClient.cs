using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Accounts;

namespace Todo.Web.Features.Backend;

/// <summary>
/// todo-backend as the web sees it. Every call goes through Dapr service invocation: the HttpClient comes from
/// <c>DaprClient.CreateInvokableHttpClient</c>, so <c>http://todo-backend/api/...</c> becomes
/// <c>{sidecar}/v1.0/invoke/todo-backend/method/api/...</c>. Calls for a user carry a freshly signed five-minute user
/// token; the cookie never holds one. ProblemDetails answers become <see cref="BackendProblem"/>, transport failures
/// <see cref="BackendUnavailableException"/>.
/// </summary>
public sealed partial class BackendClient(HttpClient http, UserTokenIssuer tokens)
{
    // Accounts (anonymous: the backend checks the password, the web then issues the cookie).
    public Task<UserProfile> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UserProfile>(null, HttpMethod.Post, "api/accounts/register", request, cancellationToken: cancellationToken);

    public Task<UserProfile> SignInAsync(SignInRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UserProfile>(null, HttpMethod.Post, "api/accounts/sign-in", request, cancellationToken: cancellationToken);

    public Task<UserProfile> GetProfileAsync(SignedInUser user, CancellationToken cancellationToken = default) =>
        SendAsync<UserProfile>(user, HttpMethod.Get, "api/me", cancellationToken: cancellationToken);

    public Task<UserProfile> UpdateProfileAsync(SignedInUser user, UpdateProfileRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UserProfile>(user, HttpMethod.Put, "api/me", request, cancellationToken: cancellationToken);

    // Account changes (signed-in session only). The answer to a password change carries the new session stamp.
    public Task<UserProfile> ChangePasswordAsync(SignedInUser user, ChangePasswordRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UserProfile>(user, HttpMethod.Post, "api/me/password", request, cancellationToken: cancellationToken);

    public Task SignOutEverywhereAsync(SignedInUser user, CancellationToken cancellationToken = default) =>
        SendAsync<object>(user, HttpMethod.Post, "api/me/sign-out-everywhere", cancellationToken: cancellationToken);

    public Task DeleteAccountAsync(SignedInUser user, DeleteAccountRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<object>(user, HttpMethod.Post, "api/me/delete", request, cancellationToken: cancellationToken);

    // Personal access tokens (for MCP clients).
    public Task<CreatedAccessToken> CreateAccessTokenAsync(SignedInUser user, string name, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedAccessToken>(user, HttpMethod.Post, "api/tokens", new CreateAccessTokenRequest(name), cancellationToken: cancellationToken);

    public Task<IReadOnlyList<AccessTokenInfo>> ListAccessTokensAsync(SignedInUser user, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<AccessTokenInfo>>(user, HttpMethod.Get, "api/tokens", cancellationToken: cancellationToken);

    public Task RevokeAccessTokenAsync(SignedInUser user, string id, CancellationToken cancellationToken = default) =>
        SendAsync<object>(user, HttpMethod.Delete, $"api/tokens/{Uri.EscapeDataString(id)}", cancellationToken: cancellationToken);

    // Tasks.
    public Task<TaskPage> ListTasksAsync(SignedInUser user, TaskFilter filter, CancellationToken cancellationToken = default) =>
        SendAsync<TaskPage>(user, HttpMethod.Get, $"api/tasks?{filter.ToQueryString()}", cancellationToken: cancellationToken);

    public Task<TaskDto> GetTaskAsync(SignedInUser user, string id, CancellationToken cancellationToken = default) =>
        SendAsync<TaskDto>(user, HttpMethod.Get, TaskPath(id), cancellationToken: cancellationToken);

    public Task<TaskDto> CreateTaskAsync(SignedInUser user, CreateTaskRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TaskDto>(user, HttpMethod.Post, "api/tasks", request, cancellationToken: cancellationToken);

    /// <summary>Sends the properties named in <see cref="UpdateTaskRequest.Present"/> as a JSON merge patch (null clears).</summary>
    public Task<TaskDto> UpdateTaskAsync(SignedInUser user, string id, UpdateTaskRequest patch, string? etag = null, CancellationToken cancellationToken = default) =>
        SendAsync<TaskDto>(user, HttpMethod.Patch, TaskPath(id), ToMergePatch(patch), etag, cancellationToken);

    public Task DeleteTaskAsync(SignedInUser user, string id, CancellationToken cancellationToken = default) =>
        SendAsync<object>(user, HttpMethod.Delete, TaskPath(id), cancellationToken: cancellationToken);

    public Task<TaskDto> CompleteTaskAsync(SignedInUser user, string id, CancellationToken cancellationToken = default) =>
        SendAsync<TaskDto>(user, HttpMethod.Post, $"{TaskPath(id)}/complete", cancellationToken: cancellationToken);

    public Task<TaskDto> ReopenTaskAsync(SignedInUser user, string id, CancellationToken cancellationToken = default) =>
        SendAsync<TaskDto>(user, HttpMethod.Post, $"{TaskPath(id)}/reopen", cancellationToken: cancellationToken);

    public Task<TaskDto> SnoozeTaskAsync(SignedInUser user, string id, int minutes, CancellationToken cancellationToken = default) =>
        SendAsync<TaskDto>(user, HttpMethod.Post, $"{TaskPath(id)}/snooze", new SnoozeRequest(minutes), cancellationToken: cancellationToken);

    public Task<IReadOnlyList<TagCount>> ListTagsAsync(SignedInUser user, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<TagCount>>(user, HttpMethod.Get, "api/tags", cancellationToken: cancellationToken);

    // Chat: one turn with the backend's assistant. A conversation id the backend no longer keeps answers 404 with a
    // ProblemDetails body, which becomes a BackendProblem like any other refusal.
    public Task<ChatResponse> ChatAsync(SignedInUser user, ChatRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ChatResponse>(user, HttpMethod.Post, "api/chat", request, cancellationToken: cancellationToken);

    /// <summary>Saves the whole task as the editor dialog sends it: every field present, so an empty one clears it.</summary>
    public Task<TaskDto> ReplaceTaskAsync(SignedInUser user, string id, CreateTaskRequest request, string? etag = null, CancellationToken cancellationToken = default) =>
        UpdateTaskAsync(user, id, new UpdateTaskRequest
        {
            Title = request.Title,
            Notes = request.Notes,
            Priority = request.Priority,
            Tags = request.Tags,
            Due = request.Due,
            Reminder = request.Reminder,
            Recurrence = request.Recurrence,
            Steps = request.Steps,
            // The editor names a project only when it knows them; without one the task stays where it is.
            ProjectId = request.ProjectId,
            // The editor names an assignee only when it changed one; "" (TaskEditorDialog.NoAssignee) unassigns.
            AssigneeId = string.IsNullOrEmpty(request.AssigneeId) ? null : request.AssigneeId,
            // A request without a checklist (the chat's editor, a task without steps) leaves the task's steps as they are.
            Present = new HashSet<string>(
                new[] { "title", "notes", "priority", "tags", "due", "reminder", "recurrence" }
                    .Concat(request.Steps is null ? [] : ["steps"])
                    .Concat(request.ProjectId is null ? [] : ["projectId"])
                    .Concat(request.AssigneeId is null ? [] : ["assigneeId"]),
                StringComparer.OrdinalIgnoreCase),
        }, etag, cancellationToken);

    // Chat history, kept by the backend in the Dapr state store: the conversation list (newest first), one
    // conversation with its messages, and undoing the latest change of one (409 when the token is no longer the latest).
    public Task<ConversationPage> ListConversationsAsync(SignedInUser user, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<ConversationPage>(user, HttpMethod.Get, "api/chat/conversations" + Query(("cursor", cursor), ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            cancellationToken: cancellationToken);

    public Task<Conversation> GetConversationAsync(SignedInUser user, string id, CancellationToken cancellationToken = default) =>
        SendAsync<Conversation>(user, HttpMethod.Get, ConversationPath(id), cancellationToken: cancellationToken);

    public Task<ChatResponse> UndoChatChangeAsync(SignedInUser user, string conversationId, string undoToken, CancellationToken cancellationToken = default) =>
        SendAsync<ChatResponse>(user, HttpMethod.Post, $"{ConversationPath(conversationId)}/undo", new ChatUndoRequest(undoToken), cancellationToken: cancellationToken);

    private static string ConversationPath(string id) => $"api/chat/conversations/{Uri.EscapeDataString(id)}";

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }

    private static string TaskPath(string id) => $"api/tasks/{Uri.EscapeDataString(id)}";

    internal static JsonObject ToMergePatch(UpdateTaskRequest patch)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["title"] = patch.Title,
            ["notes"] = patch.Notes,
            ["priority"] = patch.Priority,
            ["tags"] = patch.Tags,
            ["due"] = patch.Due,
            ["reminder"] = patch.Reminder,
            ["recurrence"] = patch.Recurrence,
            ["steps"] = patch.Steps,
            ["projectId"] = patch.ProjectId,
            ["assigneeId"] = patch.AssigneeId,
        };
        var body = new JsonObject();
        foreach (var (name, value) in values.Where(v => patch.Has(v.Key)))
        {
            body[name] = value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), TodoJson.Options);
        }

        return body;
    }

    private async Task<T> SendAsync<T>(SignedInUser? user, HttpMethod method, string path, object? body = null,
        string? etag = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            var token = await IssueAsync(user, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{etag}\""));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: TodoJson.Options);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new BackendUnavailableException($"todo-backend could not be reached through the Dapr sidecar: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackendUnavailableException("todo-backend did not answer in time.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ToExceptionAsync(response, cancellationToken);
            }

            if (response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(object))
            {
                return default!;
            }

            return await response.Content.ReadFromJsonAsync<T>(TodoJson.Options, cancellationToken)
                ?? throw new BackendProblem((int)response.StatusCode, "Empty answer", $"todo-backend answered {path} with an empty body.");
        }
    }

    private async ValueTask<string> IssueAsync(SignedInUser user, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.IssueAsync(user.UserId, user.Username, user.SessionStamp, cancellationToken);
        }
        catch (Exception ex) when (ex is Dapr.DaprException or HttpRequestException or InvalidOperationException)
        {
            // The signing key comes from the secret store through the sidecar; without it no call can be made.
            throw new BackendUnavailableException($"The token signing key could not be read from the Dapr secret store: {ex.Message}", ex);
        }
    }

    /// <summary>An error answer as the exception callers handle (shared with the data-transfer client).</summary>
    internal static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/problem+json")
        {
            var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TodoJson.Options, cancellationToken);
            return new BackendProblem(status, problem?.Title, problem?.Detail,
                problem?.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase));
        }

        // Anything else at 5xx comes from the sidecar (ERR_DIRECT_INVOKE: app not reachable) or a crashed backend.
        if (status >= 500)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new BackendUnavailableException($"todo-backend is unavailable ({status}): {Truncate(text)}");
        }

        return status switch
        {
            401 => new BackendProblem(status, "Signed out", "Your session is no longer valid; sign in again."),
            404 => new BackendProblem(status, "Not found", "That item no longer exists."),
            _ => new BackendProblem(status, response.ReasonPhrase, $"todo-backend refused the request ({status})."),
        };
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
