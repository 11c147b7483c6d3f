using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Tasks;
using Todo.Contracts;
using Todo.Contracts.Chat;
using Xunit.Abstractions;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// What one chat turn costs in sidecar calls. The account is read once per turn (by the request's authentication),
/// not again by every tool call the assistant makes. Before the typed tool core this turn made 15 calls, 5 of them
/// account reads (one per tool call and per lookup).
/// </summary>
public sealed class ChatSidecarCallsTests(SidecarCallsPerWriteTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<SidecarCallsPerWriteTests.Fixture>
{
    [Fact]
    public async Task ATurnWithSeveralToolCallsReadsTheStateOnlyForTasksAndTheConversation()
    {
        var (user, client) = await fixture.Backend.NewUserAsync();
        var title = $"counted {Guid.NewGuid():N}"[..20];
        await client.CreateTaskAsync(title);

        // list_tasks (search by title), get_task twice (resolve, then the undo snapshot), complete_task.
        var answer = await SendAsync("turn", user, $"done {title}");
        var calls = fixture.Counter.Calls("turn");
        output.WriteLine($"chat turn: {calls.Count} sidecar calls ({string.Join(", ", calls)})");

        Assert.Contains("as done", answer.Reply);
        // account (authentication); list: the project sidebar (ADR 0011; no projects, so no further project reads) +
        // index + task bulk; get ×2; complete: read the task and the index, then one
        // transaction moving the task to the archive of completed tasks (ADR 0010), publish;
        // conversation: get, save (conversation get + index get + transaction).
        Assert.Equal(
            ["GetState", "GetState", "GetState", "GetBulkState", "GetState", "GetState", "GetState", "GetState", "ExecuteStateTransaction", "PublishEvent", "GetState", "GetState", "ExecuteStateTransaction"],
            calls);
    }

    private async Task<ChatResponse> SendAsync(string scope, Todo.Contracts.Accounts.UserProfile user, string message)
    {
        using var client = fixture.Backend.AsRuntime();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/chat")
        {
            Content = JsonContent.Create(new ChatRequest(null, message), options: TodoJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Backend.UserTokenFor(user));
        request.Headers.Add(SidecarCallCounter.Header, scope);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{scope} answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonSerializer.Deserialize<ChatResponse>(text, TodoJson.Options)!;
    }
}
