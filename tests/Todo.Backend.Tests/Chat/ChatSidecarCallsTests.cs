using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Chat;
using Xunit.Abstractions;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// What one chat turn costs in sidecar calls. The account is read once per turn (by the request's authentication),
/// not again by every tool call the assistant makes.
/// </summary>
public sealed class ChatSidecarCallsTests(ChatSidecarCallsTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<ChatSidecarCallsTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public SidecarCallCounter Counter { get; } = new();

        public BackendFixture Backend { get; }

        public Fixture() => Backend = new BackendFixture { ConfigureServices = Counter.Register };

        public Task InitializeAsync() => Backend.InitializeAsync();

        public Task DisposeAsync() => Backend.DisposeAsync();
    }

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
        // account (authentication); list: index + task bulk; get ×2; complete: read, save, publish;
        // conversation: get, save (conversation get + index get + transaction).
        Assert.Equal(
            ["GetState", "GetState", "GetBulkState", "GetState", "GetState", "GetState", "SaveState", "PublishEvent", "GetState", "GetState", "ExecuteStateTransaction"],
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
