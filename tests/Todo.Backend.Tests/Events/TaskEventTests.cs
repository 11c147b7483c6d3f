using Todo.Backend.Features.Events;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Events;

namespace Todo.Backend.Tests.Events;

/// <summary>Every change publishes a CloudEvent to task-events with a deterministic id and a snapshot of the task.</summary>
public sealed class TaskEventTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task EachChangePublishesItsEventWithADeterministicIdAndASnapshot()
    {
        var (user, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync("evented");
        await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { title = "evented again" }));
        await client.PostAsync($"api/tasks/{task.Id}/complete", null);
        await client.PostAsync($"api/tasks/{task.Id}/reopen", null);
        await client.DeleteAsync($"api/tasks/{task.Id}");

        var deleted = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Deleted && e.IsAbout(task.Id));
        var events = backend.Events.Where(e => e.Topic == DaprNames.TaskEventsTopic && e.IsAbout(task.Id)).ToList();

        Assert.Equal(
            [TaskEventTypes.Created, TaskEventTypes.Updated, TaskEventTypes.Completed, TaskEventTypes.Reopened, TaskEventTypes.Deleted],
            events.Select(e => e.Type));
        Assert.Equal(
            [$"{task.Id}-v1-created", $"{task.Id}-v2-updated", $"{task.Id}-v3-completed", $"{task.Id}-v4-reopened", $"{task.Id}-v5-deleted"],
            events.Select(e => e.Id));
        Assert.All(events, e =>
        {
            Assert.Equal(DaprNames.BackendAppId, e.Envelope.GetProperty("source").GetString());
            Assert.Equal("1.0", e.Envelope.GetProperty("specversion").GetString());
            Assert.Equal(user.UserId, e.Data.GetProperty("userId").GetString());
            Assert.Equal(e.Id, e.Data.GetProperty("eventId").GetString());
        });
        Assert.Equal("evented again", deleted.Data.GetProperty("task").GetProperty("title").GetString());
        Assert.True(events[2].Data.GetProperty("task").GetProperty("completed").GetBoolean());
    }

    [Fact]
    public void EventsAreKeyedByTheUserSoOneUsersEventsStayInOrder()
    {
        var metadata = TaskEventPublisher.Metadata("id-1", TaskEventTypes.Created, "user-42");

        Assert.Equal("user-42", metadata["partitionKey"]);
        Assert.Equal("id-1", metadata["cloudevent.id"]);
        Assert.Equal(TaskEventTypes.Created, metadata["cloudevent.type"]);
    }
}
