using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Reminders;

/// <summary>A backend fixture whose sidecar sends an app token (APP_API_TOKEN), as in Kubernetes.</summary>
public sealed class AppTokenBackendFixture() : IAsyncLifetime
{
    public BackendFixture Backend { get; } = new() { AppApiToken = $"app-token-{Guid.NewGuid():N}" };

    public Task InitializeAsync() => Backend.InitializeAsync();

    public Task DisposeAsync() => Backend.DisposeAsync();
}

public sealed class AppTokenTests(AppTokenBackendFixture fixture) : IClassFixture<AppTokenBackendFixture>
{
    private BackendFixture Backend => fixture.Backend;

    [Theory]
    [InlineData("job/reminder-0123456789abcdef0123456789abcdef")]
    [InlineData("events/task-events")]
    public async Task SidecarOnlyRoutesRefuseCallsWithoutTheAppToken(string path)
    {
        using var direct = Backend.Direct();

        using var response = await direct.PostJsonAsync(path, new { });

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheSidecarsAppTokenLetsReminderJobsThrough()
    {
        var (_, client) = await Backend.NewUserAsync();
        var remindAt = DateTimeOffset.UtcNow.AddSeconds(1);
        var task = await client.CreateTaskAsync(new CreateTaskRequest("with app token", Reminder: new ReminderDto(At: remindAt)));

        var reminder = await Backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id), TimeSpan.FromSeconds(15));

        Assert.Equal(task.Id, reminder.Data.GetProperty("taskId").GetString());
    }

    [Fact]
    public async Task HealthAndLivenessAnswerWithoutAnyToken()
    {
        using var direct = Backend.Direct();

        using var health = await direct.GetAsync("health");
        using var alive = await direct.GetAsync("alive");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (health.StatusCode, alive.StatusCode));
    }
}
