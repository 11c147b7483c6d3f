using System.Net.Http.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Accounts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using static Todo.Backend.Tests.Reminders.ReminderJobProbe;

namespace Todo.Backend.Tests.Reminders;

/// <summary>
/// The reminder invariant (docs/reminders.md): every open task whose reminder is ahead has exactly one job, due at that
/// instant, and no other task has one, after each kind of change. Each test reads the jobs back from the emulator's
/// scheduler; the job name is one per task, so "exactly one" is "the task's job is due at the task's instant".
/// </summary>
public sealed class ReminderInvariantTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task CreatingATaskWithAReminderSchedulesItsJobAtTheReminderInstant()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("created", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(3))));

        Assert.Equal(ToJobPrecision(task.RemindAt!.Value), await DueTimeAsync(backend, task.Id));
    }

    [Fact]
    public async Task EditingTheDueTimeMovesARelativeReminderJobAndClearingTheReminderRemovesIt()
    {
        var (_, client) = await backend.NewUserAsync("Europe/Berlin");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5);
        var task = await client.CreateTaskAsync(new CreateTaskRequest("edited", Due: new DueDto(day, new TimeOnly(9, 0)), Reminder: new ReminderDto(MinutesBefore: 30)));

        var moved = await (await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { due = new { date = day, time = "11:00" } }))).ReadAsync<TaskDto>();
        var movedJob = await DueTimeAsync(backend, task.Id);
        await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { reminder = (object?)null }));

        Assert.Equal(task.RemindAt!.Value.AddHours(2), moved.RemindAt);
        Assert.Equal(ToJobPrecision(moved.RemindAt!.Value), movedJob);
        Assert.Null(await DueTimeAsync(backend, task.Id));
    }

    [Fact]
    public async Task CompletingRemovesTheJobAndReopeningPutsItBack()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("completed", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(3))));

        await client.PostAsync($"api/tasks/{task.Id}/complete", null);
        var afterComplete = await DueTimeAsync(backend, task.Id);
        await client.PostAsync($"api/tasks/{task.Id}/reopen", null);

        Assert.Null(afterComplete);
        Assert.Equal(ToJobPrecision(task.RemindAt!.Value), await DueTimeAsync(backend, task.Id));
    }

    [Fact]
    public async Task DeletingATaskRemovesItsJob()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("deleted", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(3))));

        (await client.DeleteAsync($"api/tasks/{task.Id}")).EnsureSuccessStatusCode();

        Assert.Null(await DueTimeAsync(backend, task.Id));
    }

    [Fact]
    public async Task SnoozingMovesTheJobToTheSnoozedInstant()
    {
        // The web's reminder toast snoozes through BackendClient.SnoozeTaskAsync: POST api/tasks/{id}/snooze.
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("snoozed", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(3))));

        var snoozed = await (await client.PostJsonAsync($"api/tasks/{task.Id}/snooze", new SnoozeRequest(10))).ReadAsync<TaskDto>();

        Assert.Equal(ToJobPrecision(snoozed.RemindAt!.Value), await DueTimeAsync(backend, task.Id));
    }

    [Fact]
    public async Task TheNextOccurrenceOfARecurringTaskGetsItsOwnJob()
    {
        var (_, client) = await backend.NewUserAsync("Europe/Berlin");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var task = await client.CreateTaskAsync(new CreateTaskRequest("recurring", Due: new DueDto(day, new TimeOnly(20, 0)),
            Reminder: new ReminderDto(MinutesBefore: 15), Recurrence: new RecurrenceDto(RecurrenceFrequency.Daily)));

        await client.PostAsync($"api/tasks/{task.Id}/complete", null);
        var created = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Created
            && e.Data.GetProperty("task").GetProperty("title").GetString() == "recurring"
            && e.Data.GetProperty("task").GetProperty("id").GetString() != task.Id, TimeSpan.FromSeconds(15));
        var nextId = created.Data.GetProperty("task").GetProperty("id").GetString()!;
        var next = await (await client.GetAsync($"api/tasks/{nextId}")).ReadAsync<TaskDto>();

        Assert.Null(await DueTimeAsync(backend, task.Id));
        Assert.Equal(task.RemindAt!.Value.AddDays(1), next.RemindAt);
        Assert.Equal(ToJobPrecision(next.RemindAt!.Value), await DueTimeAsync(backend, nextId));
    }

    [Fact]
    public async Task ChangingTheTimeZoneMovesEveryOpenRelativeReminderJobToItsNewInstant()
    {
        // Issue 12: due times are wall-clock, so Berlin → London moves a reminder an hour later in UTC (in winter).
        var (user, client) = await backend.NewUserAsync("Europe/Berlin");
        var day = new DateOnly(DateTime.UtcNow.Year + 1, 1, 15);
        var tasks = new List<TaskDto>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add(await client.CreateTaskAsync(new CreateTaskRequest($"zoned {i}", Due: new DueDto(day, new TimeOnly(20, 53 - i)), Reminder: new ReminderDto(MinutesBefore: 0))));
        }

        var absolute = await client.CreateTaskAsync(new CreateTaskRequest("absolute", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(5))));
        var done = await client.CreateTaskAsync(new CreateTaskRequest("done", Due: new DueDto(day, new TimeOnly(8, 0)), Reminder: new ReminderDto(MinutesBefore: 0)));
        await client.PostAsync($"api/tasks/{done.Id}/complete", null);

        using var changed = await client.PutAsJsonAsync("api/me", new UpdateProfileRequest(user.DisplayName, "Europe/London", null));
        changed.EnsureSuccessStatusCode();

        Assert.Equal(new DateTimeOffset(day.Year, 1, 15, 19, 53, 0, TimeSpan.Zero), tasks[0].RemindAt);
        foreach (var task in tasks)
        {
            var now = await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>();
            Assert.Equal(task.RemindAt!.Value.AddHours(1), now.RemindAt);
            Assert.Equal(ToJobPrecision(now.RemindAt!.Value), await WaitForDueTimeAsync(backend, task.Id, now.RemindAt));
        }

        Assert.Equal(ToJobPrecision(absolute.RemindAt!.Value), await DueTimeAsync(backend, absolute.Id));
        Assert.Null(await DueTimeAsync(backend, done.Id));
    }

    [Fact]
    public async Task AStaleTriggerOfAnOpenTaskRemakesItsJobAtTheCurrentInstant()
    {
        // A job that a failed call left at the wrong instant (or lost): when it fires, the callback sees it is stale and
        // makes the job that should exist.
        var (user, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("lost job", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(2))));
        using (var sidecar = new HttpClient { BaseAddress = backend.Emulator[Todo.Contracts.DaprNames.BackendAppId].HttpEndpoint })
        {
            (await sidecar.DeleteAsync($"v1.0/jobs/reminder-{task.Id}")).EnsureSuccessStatusCode();
        }

        using var runtime = backend.AsRuntime();
        using var trigger = await runtime.PostJsonAsync($"job/reminder-{task.Id}",
            new { userId = user.UserId, taskId = task.Id, remindAt = task.RemindAt!.Value.AddHours(-1) });

        trigger.EnsureSuccessStatusCode();
        Assert.Equal(ToJobPrecision(task.RemindAt!.Value), await DueTimeAsync(backend, task.Id));
        Assert.DoesNotContain(backend.Events, e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id));
    }

    [Fact]
    public async Task DeletingTheAccountRemovesEveryReminderJob()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("account gone", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(3))));
        var before = await DueTimeAsync(backend, task.Id);

        (await client.PostJsonAsync("api/me/delete", new DeleteAccountRequest(Password))).EnsureSuccessStatusCode();

        Assert.NotNull(before);
        Assert.Null(await DueTimeAsync(backend, task.Id));
    }
}
