using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Security;

/// <summary>
/// Job triggers, topic deliveries and /dapr/subscribe answer only the Dapr runtime: the app token is required, and a
/// call that arrives by service invocation is refused even though the callee's sidecar attaches the token to it.
/// </summary>
public sealed class SidecarOnlyRouteTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "job/reminder-0123456789abcdef0123456789abcdef" },
        { "POST", "events/task-events" },
        { "POST", "events/project-events" },
        { "GET", "dapr/subscribe" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnAnonymousCallerIsRefused(string method, string path)
    {
        using var direct = backend.Direct();

        using var response = await direct.SendAsync(Request(method, path));

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("app token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AWrongAppTokenIsRefused(string method, string path)
    {
        using var direct = backend.Direct();
        var request = Request(method, path);
        request.Headers.Add("dapr-api-token", backend.AppApiToken + "x");

        using var response = await direct.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ACallThatCameByServiceInvocationIsRefused(string method, string path)
    {
        // Through todo-web's sidecar: the backend's sidecar adds the app token, as daprd does, and stamps the caller.
        using var viaInvoke = backend.Anonymous();

        using var response = await viaInvoke.SendAsync(Request(method, path));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheRuntimeSeesEverySubscriptionWithItsDeadLetterTopic()
    {
        using var runtime = backend.AsRuntime();

        var subscriptions = await runtime.GetFromJsonAsync<JsonElement>("dapr/subscribe");

        var taskEvents = subscriptions.EnumerateArray().Single(s => s.GetProperty("topic").GetString() == DaprNames.TaskEventsTopic);
        Assert.Equal(DaprNames.TaskEventsDeadLetterTopic, taskEvents.GetProperty("deadLetterTopic").GetString());
    }

    [Theory]
    [InlineData("\"str\"")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("{\"type\": 5}")]
    [InlineData("{\"type\": \"com.todo.task.completed\"}")]
    [InlineData("{not json")]
    public async Task AMessageThatCanNeverBeHandledIsDroppedNotRetried(string data)
    {
        using var runtime = backend.AsRuntime();

        using var response = await runtime.PostAsync("events/task-events", new StringContent(data, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DROP", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AForgedCompletionOfSomeoneElsesOpenRepeatingTaskCreatesNothing()
    {
        var (victim, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("water plants",
            Due: new DueDto(DateOnly.FromDateTime(DateTime.UtcNow)), Recurrence: new RecurrenceDto(RecurrenceFrequency.Daily)));
        var forged = new TaskChanged("forged-1", TaskEventTypes.Completed, victim.UserId,
            task with { Title = "your session expired, sign in at http://evil.example", Completed = true }, DateTimeOffset.UtcNow);
        using var runtime = backend.AsRuntime();

        using var response = await runtime.PostJsonAsync("events/task-events", forged);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await (await client.GetAsync("api/tasks?status=all")).ReadAsync<TaskPage>();
        Assert.Equal(["water plants"], list.Items.Select(t => t.Title));
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "GET" ? null : JsonContent.Create(new { }),
    };
}

/// <summary>A backend started without APP_API_TOKEN keeps its sidecar-only routes closed instead of open.</summary>
public sealed class NoAppTokenFixture : IAsyncLifetime
{
    public BackendFixture Backend { get; } = new() { AppApiToken = "" };

    public Task InitializeAsync() => Backend.InitializeAsync();

    public Task DisposeAsync() => Backend.DisposeAsync();
}

public sealed class SidecarOnlyRoutesWithoutATokenTests(NoAppTokenFixture fixture) : IClassFixture<NoAppTokenFixture>
{
    [Theory]
    [InlineData("job/reminder-0123456789abcdef0123456789abcdef")]
    [InlineData("events/task-events")]
    public async Task ABackendWithoutAnAppTokenRefusesEveryCallerOfItsSidecarOnlyRoutes(string path)
    {
        using var direct = fixture.Backend.Direct();

        using var response = await direct.PostJsonAsync(path, new { });

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("no APP_API_TOKEN", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
