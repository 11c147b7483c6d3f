using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Backend.Tests.Sharing;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Order;

/// <summary>
/// A new place in the manual order publishes <c>com.todo.task.moved</c> (ADR 0016) with the project's new order and
/// its audience, so every member's tabs reorder live; a move that changes nothing publishes nothing.
/// </summary>
public sealed class MoveEventTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AMovePublishesTheProjectsNewOrderUnderAnIdOfItsOwnEvenBackToAnEarlierOrder()
    {
        var (user, client) = await backend.NewUserAsync();
        var a = await client.CreateTaskAsync("a");
        var b = await client.CreateTaskAsync("b");

        await client.MoveAsync(b.Id, new MoveTaskRequest(Before: a.Id));
        var first = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Moved && e.IsAbout(b.Id));
        await client.MoveAsync(b.Id, new MoveTaskRequest(Before: null));
        var second = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Moved && e.IsAbout(b.Id) && e.Id != first.Id);
        await client.MoveAsync(b.Id, new MoveTaskRequest(Before: a.Id));
        var third = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Moved && e.IsAbout(b.Id) && e.Id != first.Id && e.Id != second.Id);

        Assert.Equal(DaprNames.TaskEventsTopic, first.Topic);
        Assert.Equal([b.Id, a.Id], Order(first));
        Assert.Equal([a.Id, b.Id], Order(second));
        // The same order as the first move, but a later move: a subscriber that de-duplicates by id must still see it.
        Assert.Equal([b.Id, a.Id], Order(third));
        Assert.StartsWith($"{b.Id}-v1-moved-", first.Id);
        Assert.Equal("inbox", first.Data.GetProperty("order").GetProperty("projectId").GetString());
        Assert.Equal(user.UserId, first.Data.GetProperty("userId").GetString());
        Assert.Equal(user.UserId, first.Data.GetProperty("actorId").GetString());
        Assert.Equal([user.UserId], first.Data.GetProperty("audience").EnumerateArray().Select(x => x.GetString()));
        // The task did not change: the snapshot is the version the tabs already show.
        Assert.Equal("1", first.Data.GetProperty("task").GetProperty("eTag").GetString());
    }

    [Fact]
    public async Task AMoveThatChangesNothingPublishesNothing()
    {
        var (_, client) = await backend.NewUserAsync();
        var a = await client.CreateTaskAsync("a");
        var b = await client.CreateTaskAsync("b");

        // Already last, then already before b: the index is not written, so there is no event.
        await client.MoveAsync(b.Id, new MoveTaskRequest(Before: null));
        await client.MoveAsync(a.Id, new MoveTaskRequest(Before: b.Id));
        await client.MoveAsync(a.Id, new MoveTaskRequest(Before: null));
        var real = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Moved && e.IsAbout(a.Id));

        Assert.Equal([b.Id, a.Id], Order(real));
        Assert.DoesNotContain(backend.Events, e => e.Type == TaskEventTypes.Moved && e.IsAbout(b.Id));
        Assert.Single(backend.Events, e => e.Type == TaskEventTypes.Moved && e.IsAbout(a.Id));
    }

    [Fact]
    public async Task AMoveIntoAnotherProjectPublishesTheUpdateThenTheOrderOfTheNewProject()
    {
        var (_, client) = await backend.NewUserAsync();
        var work = await client.CreateProjectAsync("Work");
        var report = await client.CreateTaskInAsync(work.Id, "report");
        var milk = await client.CreateTaskAsync("milk");

        await client.MoveAsync(milk.Id, new MoveTaskRequest(Before: report.Id) { ProjectId = work.Id });
        var moved = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Moved && e.IsAbout(milk.Id));
        var updated = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Updated && e.IsAbout(milk.Id));

        Assert.Equal(work.Id, updated.Data.GetProperty("task").GetProperty("projectId").GetString());
        Assert.Equal(work.Id, moved.Data.GetProperty("order").GetProperty("projectId").GetString());
        Assert.Equal([milk.Id, report.Id], Order(moved));
        // The move took the version from 1 to 2; the placement after it is about version 2.
        Assert.StartsWith($"{milk.Id}-v2-moved-", moved.Id);
    }

    [Fact]
    public async Task AMemberMovingATaskOfASharedProjectReachesTheOwnerAndEveryMember()
    {
        var s = await backend.SharedProjectAsync();
        var second = await s.MemberClient.CreateTaskInAsync(s.Project.Id, "second");

        await s.MemberClient.MoveAsync(second.Id, new MoveTaskRequest(Before: s.Task.Id));
        var moved = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Moved && e.IsAbout(second.Id));

        Assert.Equal(s.Owner.UserId, moved.Data.GetProperty("userId").GetString());
        Assert.Equal(s.Member.UserId, moved.Data.GetProperty("actorId").GetString());
        Assert.Equal([s.Owner.UserId, s.Member.UserId], moved.Data.GetProperty("audience").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([second.Id, s.Task.Id], Order(moved));

        // Activity is history of the tasks, not of their places: the reorder is not in it, the edit after it is.
        await s.MemberClient.SendAsync(HttpExtensions.Patch($"api/tasks/{second.Id}", new { title = "second, renamed" }));
        var activity = await ActivityAfterAsync(s.OwnerClient, s.Project.Id, entries => entries.Any(e => e.TaskId == second.Id && e.Action == "updated"));
        Assert.DoesNotContain(activity, e => e.Action == "moved");
    }

    private static async Task<IReadOnlyList<ActivityEntryDto>> ActivityAfterAsync(HttpClient client, string projectId, Func<IReadOnlyList<ActivityEntryDto>, bool> done)
    {
        // The activity is written by the backend's own subscriber, after the request answered: poll it, bounded.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await client.GetAsync($"api/projects/{projectId}/activity");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var entries = (await response.ReadAsync<ActivityList>()).Items;
            if (done(entries) || DateTimeOffset.UtcNow > deadline)
            {
                Assert.True(done(entries), "the activity never showed the edit");
                return entries;
            }

            await Task.Delay(100);
        }
    }

    private static List<string?> Order(ReceivedEvent received) =>
        [.. received.Data.GetProperty("order").GetProperty("taskIds").EnumerateArray().Select(x => x.GetString())];
}
