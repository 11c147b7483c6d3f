using System.Net.Http.Headers;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Tasks;
using Xunit.Abstractions;

namespace Todo.Backend.Tests.Tasks;

/// <summary>
/// What one write costs in sidecar calls: the account read behind every signed-in request, the reads the
/// read-modify-write needs, the save, and the event. No write reads the task again for its version.
/// </summary>
public sealed class SidecarCallsPerWriteTests(SidecarCallsPerWriteTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<SidecarCallsPerWriteTests.Fixture>
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
    public async Task CreateUpdateCompleteAndDeleteEachReadTheTaskAtMostOnce()
    {
        var (user, _) = await fixture.Backend.NewUserAsync();
        var created = await SendAsync("create", user, HttpMethod.Post, "api/tasks", new { title = "counted" });
        var id = created.GetProperty("id").GetString()!;
        await SendAsync("update", user, HttpMethod.Patch, $"api/tasks/{id}", new { title = "counted again" });
        await SendAsync("complete", user, HttpMethod.Post, $"api/tasks/{id}/complete", null);
        await SendAsync("delete", user, HttpMethod.Delete, $"api/tasks/{id}", null);

        var calls = new[] { "create", "update", "complete", "delete" }.ToDictionary(w => w, Calls);
        foreach (var (write, list) in calls)
        {
            output.WriteLine($"{write}: {list.Count} sidecar calls ({string.Join(", ", list)})");
        }

        // account, index read, transaction (task + index), publish
        Assert.Equal(["GetState", "GetState", "ExecuteStateTransaction", "PublishEvent"], calls["create"]);
        // account, task read, save, publish
        Assert.Equal(["GetState", "GetState", "SaveState", "PublishEvent"], calls["update"]);
        // account, task read, index read, transaction (task + index + new archive page), publish (ADR 0010: the first
        // completion of a user starts an archive page, so there is no page to read)
        Assert.Equal(["GetState", "GetState", "GetState", "ExecuteStateTransaction", "PublishEvent"], calls["complete"]);
        // account, task read, index read, archive page read, transaction (task + index + page), publish
        Assert.Equal(["GetState", "GetState", "GetState", "GetState", "ExecuteStateTransaction", "PublishEvent"], calls["delete"]);
    }

    [Fact]
    public async Task AReminderTriggerReadsTheTaskAndTheAccountOnceEach()
    {
        var (user, client) = await fixture.Backend.NewUserAsync();
        var remindAt = new DateTimeOffset(DateTimeOffset.UtcNow.AddHours(1).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var task = await client.CreateTaskAsync(new CreateTaskRequest("counted reminder", Reminder: new ReminderDto(At: remindAt)));

        using var runtime = fixture.Backend.AsRuntime();
        using var trigger = new HttpRequestMessage(HttpMethod.Post, $"job/{ReminderJobs.JobName(task.Id)}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new ReminderJobData(user.UserId, task.Id, remindAt), options: Todo.Contracts.TodoJson.Options),
            Headers = { { SidecarCallCounter.Header, "trigger" } },
        };
        using var response = await runtime.SendAsync(trigger);
        response.EnsureSuccessStatusCode();
        var calls = Calls("trigger");
        output.WriteLine($"reminder trigger: {calls.Count} sidecar calls ({string.Join(", ", calls)})");

        // task, account (in either order), publish
        Assert.Equal(["GetState", "GetState", "PublishEvent"], calls);
    }

    private IReadOnlyList<string> Calls(string scope) => fixture.Counter.Calls(scope);

    private async Task<System.Text.Json.JsonElement> SendAsync(string scope, Todo.Contracts.Accounts.UserProfile user, HttpMethod method, string path, object? body)
    {
        using var client = fixture.Backend.AsRuntime();
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Backend.UserTokenFor(user));
        request.Headers.Add(SidecarCallCounter.Header, scope);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{scope} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }
}
