using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Tasks;

public sealed class TaskApiTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ATaskCanBeCreatedReadChangedCompletedReopenedAndDeleted()
    {
        var (_, client) = await backend.NewUserAsync("Europe/Berlin");
        var created = await client.CreateTaskAsync(new CreateTaskRequest("Write report", "for Q3", TaskPriority.High, ["work"],
            new DueDto(new DateOnly(2030, 7, 1), new TimeOnly(9, 30))));

        using var patch = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{created.Id}", new { title = "Write the report", notes = (string?)null }));
        var patched = await patch.ReadAsync<TaskDto>();
        var completed = await (await client.PostAsync($"api/tasks/{created.Id}/complete", null)).ReadAsync<TaskDto>();
        var reopened = await (await client.PostAsync($"api/tasks/{created.Id}/reopen", null)).ReadAsync<TaskDto>();
        using var deleted = await client.DeleteAsync($"api/tasks/{created.Id}");
        using var gone = await client.GetAsync($"api/tasks/{created.Id}");

        Assert.Equal(new DateTimeOffset(2030, 7, 1, 7, 30, 0, TimeSpan.Zero), created.DueAt);
        Assert.Equal(("Write the report", (string?)null, TaskPriority.High), (patched.Title, patched.Notes, patched.Priority));
        Assert.True(completed.Completed);
        Assert.NotNull(completed.CompletedAt);
        Assert.False(reopened.Completed);
        Assert.Null(reopened.CompletedAt);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AStaleIfMatchIsRejectedWith412AndAFreshOneSucceeds()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync("contended");
        using var first = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { title = "first" }, task.ETag));
        var current = await first.ReadAsync<TaskDto>();

        using var stale = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { title = "second" }, task.ETag));
        using var staleDelete = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/tasks/{task.Id}") { Headers = { { "If-Match", $"\"{task.ETag}\"" } } });
        using var fresh = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { title = "third" }, current.ETag));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("reload", problem.GetProperty("detail").GetString());
        await staleDelete.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("third", (await fresh.ReadAsync<TaskDto>()).Title);
    }

    [Fact]
    public async Task AnotherUserGets404OnEveryRouteAndCannotChangeTheTask()
    {
        var (_, alice) = await backend.NewUserAsync();
        var (_, bob) = await backend.NewUserAsync();
        var task = await alice.CreateTaskAsync(new CreateTaskRequest("alice's secret", Tags: ["private"]));

        var responses = new[]
        {
            await bob.GetAsync($"api/tasks/{task.Id}"),
            await bob.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { title = "mine now" })),
            await bob.PostAsync($"api/tasks/{task.Id}/complete", null),
            await bob.PostAsync($"api/tasks/{task.Id}/reopen", null),
            await bob.PostJsonAsync($"api/tasks/{task.Id}/snooze", new { minutes = 10 }),
            await bob.DeleteAsync($"api/tasks/{task.Id}"),
        };
        var bobsList = await (await bob.GetAsync("api/tasks?status=all")).ReadAsync<TaskPage>();
        var bobsTags = await (await bob.GetAsync("api/tags")).ReadAsync<List<TagCount>>();
        var stillThere = await (await alice.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>();

        foreach (var response in responses)
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Empty(bobsList.Items);
        Assert.Empty(bobsTags);
        Assert.Equal(("alice's secret", false, task.ETag), (stillThere.Title, stillThere.Completed, stillThere.ETag));
    }

    [Fact]
    public async Task EveryTaskRouteNeedsAUser()
    {
        using var anonymous = backend.Anonymous();

        using var list = await anonymous.GetAsync("api/tasks");
        using var create = await anonymous.PostJsonAsync("api/tasks", new { title = "x" });
        using var tags = await anonymous.GetAsync("api/tags");
        using var me = await anonymous.GetAsync("api/me");

        Assert.All([list, create, tags, me], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Fact]
    public async Task TwentyConcurrentCreatesForOneUserLeaveTwentyTasks()
    {
        var (_, client) = await backend.NewUserAsync();

        var created = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => client.CreateTaskAsync($"task {i}")));
        var page = await (await client.GetAsync("api/tasks?limit=500")).ReadAsync<TaskPage>();

        Assert.Equal(20, created.Select(t => t.Id).Distinct().Count());
        Assert.Equal(20, page.Total);
        Assert.Equal(created.Select(t => t.Id).Order(), page.Items.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task ConcurrentDeletesAndCreatesNeverLoseATask()
    {
        var (_, client) = await backend.NewUserAsync();
        var doomed = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => client.CreateTaskAsync($"doomed {i}")));

        var work = doomed.Select(t => (Task)client.DeleteAsync($"api/tasks/{t.Id}"))
            .Concat(Enumerable.Range(1, 8).Select(i => (Task)client.CreateTaskAsync($"kept {i}")));
        await Task.WhenAll(work);
        var page = await (await client.GetAsync("api/tasks?limit=500")).ReadAsync<TaskPage>();

        Assert.Equal(8, page.Total);
        Assert.All(page.Items, t => Assert.StartsWith("kept", t.Title));
    }
}
