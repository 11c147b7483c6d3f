using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Reminders;

/// <summary>Reminders are Dapr jobs: due at the exact second, published once, and ignored once stale.</summary>
public sealed class ReminderTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AReminderDueInTwoSecondsIsPublishedWithinASecondAndAHalfOfItsTimeExactlyOnce()
    {
        var (user, client) = await backend.NewUserAsync();
        var remindAt = WholeSecond(DateTimeOffset.UtcNow.AddSeconds(2));
        var task = await client.CreateTaskAsync(new CreateTaskRequest("ring me", Reminder: new ReminderDto(At: remindAt)));
        var sentinel = await client.CreateTaskAsync(new CreateTaskRequest("sentinel", Reminder: new ReminderDto(At: remindAt.AddSeconds(2))));

        var reminder = await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id), TimeSpan.FromSeconds(15));
        await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(sentinel.Id), TimeSpan.FromSeconds(15));

        Assert.Equal(DaprNames.RemindersTopic, reminder.Topic);
        Assert.InRange(reminder.ReceivedAt, remindAt, remindAt.AddSeconds(1.5));
        Assert.Equal($"reminder-{task.Id}-{remindAt.ToUnixTimeSeconds()}", reminder.Id);
        Assert.Equal(("ring me", user.UserId), (reminder.Data.GetProperty("title").GetString(), reminder.Data.GetProperty("userId").GetString()));
        Assert.Single(backend.Events, e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id));
    }

    [Fact]
    public async Task ACompletedTasksReminderNeverFires()
    {
        var (_, client) = await backend.NewUserAsync();
        var remindAt = WholeSecond(DateTimeOffset.UtcNow.AddSeconds(2));
        var task = await client.CreateTaskAsync(new CreateTaskRequest("done early", Reminder: new ReminderDto(At: remindAt)));
        var sentinel = await client.CreateTaskAsync(new CreateTaskRequest("sentinel", Reminder: new ReminderDto(At: remindAt.AddSeconds(1))));

        await client.PostAsync($"api/tasks/{task.Id}/complete", null);
        await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(sentinel.Id), TimeSpan.FromSeconds(15));

        Assert.DoesNotContain(backend.Events, e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id));
    }

    [Fact]
    public async Task AMovedReminderFiresAtItsNewTimeOnly()
    {
        var (_, client) = await backend.NewUserAsync();
        var first = WholeSecond(DateTimeOffset.UtcNow.AddSeconds(2));
        var task = await client.CreateTaskAsync(new CreateTaskRequest("moved", Reminder: new ReminderDto(At: first)));

        await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { reminder = new { at = first.AddSeconds(2) } }));
        var fired = await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id), TimeSpan.FromSeconds(15));

        Assert.True(fired.ReceivedAt >= first.AddSeconds(2), $"fired at {fired.ReceivedAt:O}, before the new time");
        Assert.Single(backend.Events, e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id));
    }

    [Fact]
    public async Task SnoozingMovesTheReminderToMinutesFromNow()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("snooze", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(1))));

        var snoozed = await (await client.PostJsonAsync($"api/tasks/{task.Id}/snooze", new SnoozeRequest(10))).ReadAsync<TaskDto>();

        Assert.InRange(snoozed.RemindAt!.Value, DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));
    }

    [Fact]
    public async Task AJobTriggerForAnUnknownJobIsRefusedSoTheRuntimeDoesNotRetry()
    {
        using var runtime = backend.AsRuntime();

        using var response = await runtime.PostJsonAsync("job/not-a-reminder", new { });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
