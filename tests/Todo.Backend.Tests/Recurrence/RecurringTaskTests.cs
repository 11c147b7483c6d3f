using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Recurrence;

public sealed class RecurringTaskTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task CompletingARecurringTaskCreatesTheNextOccurrenceExactlyOnce()
    {
        var (_, client) = await backend.NewUserAsync("Europe/Berlin");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        var task = await client.CreateTaskAsync(new CreateTaskRequest("water plants", Tags: ["home"], Due: new DueDto(today, new TimeOnly(20, 0)),
            Reminder: new ReminderDto(MinutesBefore: 15), Recurrence: new RecurrenceDto(RecurrenceFrequency.Daily)));

        // Completing, reopening and completing again publishes two completion events for one task.
        await client.PostAsync($"api/tasks/{task.Id}/complete", null);
        await client.PostAsync($"api/tasks/{task.Id}/reopen", null);
        await client.PostAsync($"api/tasks/{task.Id}/complete", null);
        var sentinel = await client.CreateTaskAsync(new CreateTaskRequest("sentinel", Due: new DueDto(today), Recurrence: new RecurrenceDto(RecurrenceFrequency.Weekly)));
        await client.PostAsync($"api/tasks/{sentinel.Id}/complete", null);
        await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Created && e.Data.GetProperty("task").GetProperty("title").GetString() == "sentinel"
            && e.Data.GetProperty("task").GetProperty("id").GetString() != sentinel.Id, TimeSpan.FromSeconds(15));
        var open = await (await client.GetAsync("api/tasks?q=water")).ReadAsync<TaskPage>();

        var next = Assert.Single(open.Items);
        Assert.NotEqual(task.Id, next.Id);
        Assert.Equal(new DueDto(today.AddDays(1), new TimeOnly(20, 0)), next.Due);
        Assert.Equal(new ReminderDto(MinutesBefore: 15), next.Reminder);
        Assert.Equal(["home"], next.Tags);
        Assert.Equal("every day", next.RecurrenceSummary);
    }

    [Fact]
    public async Task TheLastOccurrenceOfACountedSeriesHasNoSuccessor()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("once only", Due: new DueDto(new DateOnly(2030, 1, 1)),
            Recurrence: new RecurrenceDto(RecurrenceFrequency.Daily, Count: 1)));
        var sentinel = await client.CreateTaskAsync(new CreateTaskRequest("sentinel", Due: new DueDto(new DateOnly(2030, 1, 1)), Recurrence: new RecurrenceDto(RecurrenceFrequency.Daily)));

        await client.PostAsync($"api/tasks/{task.Id}/complete", null);
        await client.PostAsync($"api/tasks/{sentinel.Id}/complete", null);
        await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Created && e.Data.GetProperty("task").GetProperty("title").GetString() == "sentinel"
            && e.Data.GetProperty("task").GetProperty("id").GetString() != sentinel.Id, TimeSpan.FromSeconds(15));
        var open = await (await client.GetAsync("api/tasks?q=once")).ReadAsync<TaskPage>();

        Assert.Empty(open.Items);
    }
}
