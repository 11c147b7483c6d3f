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
        // The job really fires through the emulator, so real time is involved: the reminder is moved earlier, with
        // seconds to spare before its old instant (a PATCH takes milliseconds), and the test asserts order and count,
        // not a window: one event, for the new instant, not before it, and none for the old one by the time a sentinel
        // after the old instant has fired. (Moving it later raced the old job when the machine was slow.)
        var (_, client) = await backend.NewUserAsync();
        var old = WholeSecond(DateTimeOffset.UtcNow.AddSeconds(6));
        var moved = old.AddSeconds(-4);
        var task = await client.CreateTaskAsync(new CreateTaskRequest("moved", Reminder: new ReminderDto(At: old)));
        var sentinel = await client.CreateTaskAsync(new CreateTaskRequest("sentinel", Reminder: new ReminderDto(At: old.AddSeconds(1))));

        using var patched = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { reminder = new { at = moved } }));
        patched.EnsureSuccessStatusCode();
        var fired = await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id), TimeSpan.FromSeconds(20));
        await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(sentinel.Id), TimeSpan.FromSeconds(20));

        Assert.Equal($"reminder-{task.Id}-{moved.ToUnixTimeSeconds()}", fired.Id);
        Assert.True(fired.ReceivedAt >= moved, $"fired at {fired.ReceivedAt:O}, before the new time {moved:O}");
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
