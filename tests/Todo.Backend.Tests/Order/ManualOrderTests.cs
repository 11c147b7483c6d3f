using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Order;

/// <summary>
/// Manual order (issue 15 item 3, backend): POST /api/tasks/{id}/position writes the project's open index under its
/// ETag, sort=manual lists that order, and the task itself does not change.
/// </summary>
public sealed class ManualOrderTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ATaskIsPlacedBeforeAnotherOrLastAndSortManualListsThatOrder()
    {
        var (_, client) = await backend.NewUserAsync();
        var a = await client.CreateTaskAsync("a");
        var b = await client.CreateTaskAsync("b");
        var c = await client.CreateTaskAsync("c");
        Assert.Equal(["a", "b", "c"], await ManualAsync(client, "project=inbox"));

        var order = await client.MoveAsync(c.Id, new MoveTaskRequest(Before: a.Id));
        Assert.Equal("inbox", order.ProjectId);
        Assert.Equal([c.Id, a.Id, b.Id], order.TaskIds);
        Assert.Equal(["c", "a", "b"], await ManualAsync(client, "project=inbox"));
        Assert.Equal(["b", "a", "c"], await ManualAsync(client, "project=inbox&order=desc"));

        await client.MoveAsync(c.Id, new MoveTaskRequest(Before: null));
        Assert.Equal(["a", "b", "c"], await ManualAsync(client, ""));

        // The place is the project's, not the task's: its version stays; a new task goes last.
        Assert.Equal("1", (await (await client.GetAsync($"api/tasks/{c.Id}")).ReadAsync<TaskDto>()).ETag);
        await client.CreateTaskAsync("d");
        Assert.Equal(["a", "b", "c", "d"], await ManualAsync(client, "project=inbox"));

        // Completing takes a task out of the order; reopening puts it last.
        await client.CompleteAsync(a);
        Assert.Equal(["b", "c", "d"], await ManualAsync(client, "project=inbox&status=open"));
        await client.PostAsync($"api/tasks/{a.Id}/reopen", null);
        Assert.Equal(["b", "c", "d", "a"], await ManualAsync(client, "project=inbox&status=open"));
    }

    [Fact]
    public async Task ATaskIsPlacedIntoAnotherProjectAtAChosenPlace()
    {
        var (_, client) = await backend.NewUserAsync();
        var work = await client.CreateProjectAsync("Work");
        var report = await client.CreateTaskInAsync(work.Id, "report");
        await client.CreateTaskInAsync(work.Id, "slides");
        var milk = await client.CreateTaskAsync("milk");

        var order = await client.MoveAsync(milk.Id, new MoveTaskRequest(Before: report.Id) { ProjectId = work.Id });

        Assert.Equal(work.Id, order.ProjectId);
        Assert.Equal(["milk", "report", "slides"], await ManualAsync(client, $"project={work.Id}"));
        Assert.Empty(await ManualAsync(client, "project=inbox"));
        // Every project lists in its own order, the sidebar's order between them.
        var inboxTask = await client.CreateTaskAsync("bread");
        Assert.Equal(["bread", "milk", "report", "slides"], await ManualAsync(client, ""));
        Assert.Equal(inboxTask.Id, (await client.TasksAsync("sort=manual&limit=1")).Items[0].Id);
    }

    [Fact]
    public async Task BadPlacesAreProblemDetailsAndAnotherUsersTaskIsNotFound()
    {
        var (_, client) = await backend.NewUserAsync();
        var work = await client.CreateProjectAsync("Work");
        var inWork = await client.CreateTaskInAsync(work.Id, "in work");
        var task = await client.CreateTaskAsync("in the inbox");
        var done = await client.CreateTaskAsync("done");
        await client.CompleteAsync(done);

        using var otherProject = await client.PostJsonAsync($"api/tasks/{task.Id}/position", new MoveTaskRequest(Before: inWork.Id));
        Assert.Contains("not an open task of this task's project", (await otherProject.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("before")[0].GetString());
        using var itself = await client.PostJsonAsync($"api/tasks/{task.Id}/position", new MoveTaskRequest(Before: task.Id));
        await itself.ProblemAsync(HttpStatusCode.BadRequest);
        using var notAnId = await client.PostJsonAsync($"api/tasks/{task.Id}/position", new MoveTaskRequest(Before: "top"));
        await notAnId.ProblemAsync(HttpStatusCode.BadRequest);
        using var completed = await client.PostJsonAsync($"api/tasks/{done.Id}/position", new MoveTaskRequest());
        Assert.Contains("reopen", (await completed.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        using var badSort = await client.GetAsync("api/tasks?sort=handmade");
        Assert.Contains("manual", (await badSort.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("sort")[0].GetString());
        using var unknownProject = await client.PostJsonAsync($"api/tasks/{task.Id}/position", new MoveTaskRequest() { ProjectId = new string('e', 32) });
        await unknownProject.ProblemAsync(HttpStatusCode.BadRequest);

        var (_, other) = await backend.NewUserAsync();
        using var foreign = await other.PostJsonAsync($"api/tasks/{task.Id}/position", new MoveTaskRequest());
        await foreign.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MovesRacingCreatesLoseNothing()
    {
        var (_, client) = await backend.NewUserAsync();
        var first = await client.CreateTaskAsync("first");
        var tasks = new List<TaskDto> { first };
        for (var i = 0; i < 5; i++)
        {
            tasks.Add(await client.CreateTaskAsync($"t{i}"));
        }

        // Moves and creates write the same index at once; each write is under its ETag and a loser re-reads.
        var moves = tasks.Skip(1).Select(t => client.PostJsonAsync($"api/tasks/{t.Id}/position", new MoveTaskRequest(Before: first.Id)));
        var creates = Enumerable.Range(0, 5).Select(i => client.PostJsonAsync("api/tasks", new CreateTaskRequest($"new{i}")));
        var answers = await Task.WhenAll(moves.Concat(creates));
        Assert.All(answers, r => Assert.True(r.IsSuccessStatusCode || r.StatusCode == HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));

        var listed = await ManualAsync(client, "project=inbox");
        Assert.Equal(6 + answers.Skip(5).Count(r => r.IsSuccessStatusCode), listed.Count);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Contains("first", listed);
    }

    private static async Task<List<string>> ManualAsync(HttpClient client, string query) =>
        (await client.TasksAsync($"sort=manual&{query}")).Items.Select(t => t.Title).ToList();
}
