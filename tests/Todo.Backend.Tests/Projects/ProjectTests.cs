using System.Net;
using Dapr.Client;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Projects;

/// <summary>
/// Projects through the real backend and the emulator's sidecar (ADR 0011): the Inbox every user has, create, rename,
/// colour, reorder, archive, delete with the tasks moved or deleted, each task in one project with lists and counts
/// per project, and users stored before projects getting an Inbox that holds all their tasks.
/// </summary>
public sealed class ProjectTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ANewUserHasOnlyTheInboxAndTheirTasksAreInIt()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync("in the inbox");
        await client.CreateTaskAsync("also in the inbox");

        var inbox = Assert.Single(await client.ProjectsAsync());

        Assert.Equal((ProjectDto.InboxId, "Inbox", true, 2, "owner"), (inbox.Id, inbox.Name, inbox.IsInbox, inbox.OpenCount, inbox.Role));
        Assert.Equal(ProjectDto.InboxId, task.ProjectId);
        Assert.Equal(2, (await client.TasksAsync("project=inbox")).Total);
    }

    [Fact]
    public async Task AProjectIsCreatedRenamedColouredReorderedArchivedAndRestored()
    {
        var (_, client) = await backend.NewUserAsync();
        var work = await client.CreateProjectAsync("Work", "#3F51B5");
        var home = await client.CreateProjectAsync("Home");
        var trips = await client.CreateProjectAsync("Trips");
        Assert.Equal("#3f51b5", work.Color);

        Assert.Equal(["inbox", work.Id, home.Id, trips.Id], (await client.ProjectsAsync()).Select(p => p.Id));

        using var moved = await client.SendAsync(HttpExtensions.Patch($"api/projects/{trips.Id}", new { position = 0 }));
        moved.EnsureSuccessStatusCode();
        Assert.Equal(["inbox", trips.Id, work.Id, home.Id], (await client.ProjectsAsync()).Select(p => p.Id));

        using var renamed = await client.SendAsync(HttpExtensions.Patch($"api/projects/{work.Id}", new { name = "Office", color = "#00ff00" }));
        var office = await renamed.ReadAsync<ProjectDto>();
        Assert.Equal(("Office", "#00ff00", "2"), (office.Name, office.Color, office.ETag));

        using var archived = await client.SendAsync(HttpExtensions.Patch($"api/projects/{home.Id}", new { archived = true }));
        Assert.True((await archived.ReadAsync<ProjectDto>()).Archived);
        using var intoArchived = await client.PostJsonAsync("api/tasks", new CreateTaskRequest("nope") { ProjectId = home.Id });
        var problem = await intoArchived.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("archived", problem.GetProperty("errors").GetProperty("projectId")[0].GetString());

        using var restored = await client.SendAsync(HttpExtensions.Patch($"api/projects/{home.Id}", new { archived = false }));
        Assert.False((await restored.ReadAsync<ProjectDto>()).Archived);
        Assert.Equal(home.Id, (await client.CreateTaskInAsync(home.Id, "now it takes tasks")).ProjectId);
    }

    [Fact]
    public async Task EachTaskIsInOneProjectAndListsAndCountsFollowIt()
    {
        var (_, client) = await backend.NewUserAsync();
        var work = await client.CreateProjectAsync("Work");
        var report = await client.CreateTaskInAsync(work.Id, "write the report");
        var slides = await client.CreateTaskInAsync(work.Id, "make slides");
        await client.CreateTaskAsync("buy milk");

        Assert.Equal(["make slides", "write the report"], (await client.TasksAsync($"project={work.Id}&sort=title")).Items.Select(t => t.Title));
        Assert.Equal(3, (await client.TasksAsync("")).Total);
        Assert.Equal([1, 2], (await client.ProjectsAsync()).Select(p => p.OpenCount));

        // Moving a task (PATCH projectId) moves it between the two indexes; so does moving a completed one.
        using var move = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{slides.Id}", new { projectId = "inbox" }));
        var movedSlides = await move.ReadAsync<TaskDto>();
        Assert.Equal(("inbox", "2"), (movedSlides.ProjectId, movedSlides.ETag));
        Assert.Equal([2, 1], (await client.ProjectsAsync()).Select(p => p.OpenCount));

        await client.CompleteAsync(report);
        Assert.Equal(["write the report"], (await client.TasksAsync($"project={work.Id}&status=completed")).Items.Select(t => t.Title));
        Assert.Equal(0, (await client.ProjectsAsync())[1].OpenCount);
        using var moveDone = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{report.Id}", new { projectId = "inbox" }));
        moveDone.EnsureSuccessStatusCode();
        Assert.Empty((await client.TasksAsync($"project={work.Id}&status=all")).Items);
        Assert.Equal(["write the report"], (await client.TasksAsync("project=inbox&status=completed")).Items.Select(t => t.Title));

        // Reopened, it goes back to the open tasks of the project it is in now.
        (await client.PostAsync($"api/tasks/{report.Id}/reopen", null)).EnsureSuccessStatusCode();
        Assert.Equal(3, (await client.ProjectsAsync())[0].OpenCount);
    }

    [Fact]
    public async Task CompletedTasksOfEveryProjectArePagedWithOneCursor()
    {
        var (_, client) = await backend.NewUserAsync();
        var a = await client.CreateProjectAsync("A");
        var b = await client.CreateProjectAsync("B");
        var titles = new List<string>();
        foreach (var (project, n) in new[] { ("inbox", 3), (a.Id, 2), (b.Id, 4) })
        {
            for (var i = 0; i < n; i++)
            {
                var task = await client.CreateTaskInAsync(project, $"{project[..5]} {i}");
                await client.CompleteAsync(task);
                titles.Add(task.Title);
            }
        }

        await client.CreateTaskInAsync(b.Id, "still open");

        var completed = await client.AllTasksAsync("status=completed&limit=2");
        Assert.Equal(titles.Order(), completed.Select(t => t.Title).Order());
        Assert.Equal(9, (await client.TasksAsync("status=completed&limit=2")).Total);
        var all = await client.AllTasksAsync("status=all&limit=3");
        Assert.Equal("still open", all[0].Title);
        Assert.Equal(10, all.Count);
        Assert.Equal(4, (await client.AllTasksAsync($"status=completed&limit=3&project={b.Id}")).Count);
    }

    [Fact]
    public async Task DeletingAProjectWithTasksAsksWhatHappensToThem()
    {
        var (_, client) = await backend.NewUserAsync();
        var work = await client.CreateProjectAsync("Work");
        await client.CreateTaskInAsync(work.Id, "a task");

        using var response = await client.DeleteAsync($"api/projects/{work.Id}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("tasks=move&to=", problem.GetProperty("detail").GetString());
        using var noTarget = await client.DeleteAsync($"api/projects/{work.Id}?tasks=move");
        Assert.Contains("to=inbox", (await noTarget.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        using var toItself = await client.DeleteAsync($"api/projects/{work.Id}?tasks=move&to={work.Id}");
        await toItself.ProblemAsync(HttpStatusCode.BadRequest);
        using var badMode = await client.DeleteAsync($"api/projects/{work.Id}?tasks=archive");
        await badMode.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, (await client.ProjectsAsync()).Count);

        var empty = await client.CreateProjectAsync("Empty");
        using var deleted = await client.DeleteAsync($"api/projects/{empty.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task DeletingAProjectCanMoveAllItsTasksOpenAndCompletedToAnotherProject()
    {
        var (_, client) = await backend.NewUserAsync();
        var old = await client.CreateProjectAsync("Old");
        var target = await client.CreateProjectAsync("Target");
        await client.CreateTaskInAsync(target.Id, "already there");
        // More than one move step of each kind (50 tasks per transaction).
        var open = new List<TaskDto>();
        for (var i = 0; i < 70; i++)
        {
            open.Add(await client.CreateTaskInAsync(old.Id, $"open {i}"));
        }

        var done = new List<TaskDto>();
        for (var i = 0; i < 60; i++)
        {
            var task = await client.CreateTaskInAsync(old.Id, $"done {i}");
            await client.CompleteAsync(task);
            done.Add(task);
        }

        using var response = await client.DeleteAsync($"api/projects/{old.Id}?tasks=move&to={target.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["inbox", target.Id], (await client.ProjectsAsync()).Select(p => p.Id));
        Assert.Equal(71, (await client.ProjectsAsync())[1].OpenCount);
        var moved = await client.AllTasksAsync($"project={target.Id}&status=all&limit=1000");
        Assert.Equal(131, moved.Count);
        Assert.All(moved, t => Assert.Equal(target.Id, t.ProjectId));
        // Completed tasks keep their order (newest completion first) and can be reopened in their new project.
        Assert.Equal(done.Select(t => t.Title).Reverse(), moved.Where(t => t.Completed).Select(t => t.Title));
        (await client.PostAsync($"api/tasks/{done[0].Id}/reopen", null)).EnsureSuccessStatusCode();
        Assert.Equal(72, (await client.ProjectsAsync())[1].OpenCount);
        using var gone = await client.GetAsync($"api/tasks?project={old.Id}");
        await gone.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingAProjectCanDeleteItsTasks()
    {
        var (_, client) = await backend.NewUserAsync();
        var old = await client.CreateProjectAsync("Old");
        var open = await client.CreateTaskInAsync(old.Id, "open one");
        var done = await client.CreateTaskInAsync(old.Id, "done one");
        await client.CompleteAsync(done);
        var kept = await client.CreateTaskAsync("kept in the inbox");

        using var response = await client.DeleteAsync($"api/projects/{old.Id}?tasks=delete");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{open.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{done.Id}")).StatusCode);
        Assert.Equal([kept.Id], (await client.AllTasksAsync("status=all")).Select(t => t.Id));
        await backend.WaitForEventAsync(e => e.Type == "com.todo.task.deleted" && e.IsAbout(open.Id));
    }

    [Fact]
    public async Task TheInboxCannotBeRenamedArchivedMovedOrDeletedAndItsNameIsTaken()
    {
        var (_, client) = await backend.NewUserAsync();

        using var rename = await client.SendAsync(HttpExtensions.Patch("api/projects/inbox", new { name = "Stuff" }));
        using var archive = await client.SendAsync(HttpExtensions.Patch("api/projects/inbox", new { archived = true }));
        using var move = await client.SendAsync(HttpExtensions.Patch("api/projects/inbox", new { position = 2 }));
        using var delete = await client.DeleteAsync("api/projects/inbox?tasks=delete");
        using var named = await client.PostJsonAsync("api/projects", new CreateProjectRequest(" inbox "));

        foreach (var response in new[] { rename, archive, move, delete, named })
        {
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("Inbox", problem.GetProperty("detail").GetString());
        }

        Assert.Equal("Inbox", Assert.Single(await client.ProjectsAsync()).Name);
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"0123456789012345678901234567890123456789012345678901234567890\"}", "name")]
    [InlineData("{\"name\":\"two\\nlines\"}", "name")]
    [InlineData("{\"name\":\"Fine\",\"color\":\"blue\"}", "color")]
    [InlineData("{\"name\":42}", "name")]
    public async Task ABadProjectIsRefusedWithTheFieldToFix(string body, string field)
    {
        var (_, client) = await backend.NewUserAsync();

        using var response = await client.PostAsync("api/projects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task NamesAreUniquePerUserAndAUserHasAtMostAHundredProjects()
    {
        var (_, client) = await backend.NewUserAsync();
        var (_, other) = await backend.NewUserAsync();
        await client.CreateProjectAsync("Work");
        await other.CreateProjectAsync("Work");

        using var again = await client.PostJsonAsync("api/projects", new CreateProjectRequest("WORK"));
        Assert.Contains("already have a project", (await again.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        for (var i = 1; i < 100; i++)
        {
            await client.CreateProjectAsync($"Project {i}");
        }

        using var tooMany = await client.PostJsonAsync("api/projects", new CreateProjectRequest("One more"));
        Assert.Contains("100 projects", (await tooMany.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(101, (await client.ProjectsAsync()).Count);
    }

    [Fact]
    public async Task ATaskNamingAProjectThatDoesNotExistIsRefused()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync("somewhere");

        using var create = await client.PostJsonAsync("api/tasks", new CreateTaskRequest("x") { ProjectId = Guid.NewGuid().ToString("N") });
        using var nonsense = await client.PostJsonAsync("api/tasks", new CreateTaskRequest("x") { ProjectId = "../etc" });
        using var move = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { projectId = Guid.NewGuid().ToString("N") }));
        using var list = await client.GetAsync($"api/tasks?project={Guid.NewGuid():N}");

        foreach (var response in new[] { create, nonsense, move })
        {
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("api/projects", problem.GetProperty("errors").GetProperty("projectId")[0].GetString());
        }

        await list.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherUsersProjectIsNotFoundOnEveryRoute()
    {
        var (_, alice) = await backend.NewUserAsync();
        var (_, mallory) = await backend.NewUserAsync();
        var secret = await alice.CreateProjectAsync("Secret");
        await alice.CreateTaskInAsync(secret.Id, "private task");
        var mine = await mallory.CreateTaskAsync("mallory's task");
        var missing = Guid.NewGuid().ToString("N");

        async Task<string> Answer(Func<string, Task<HttpResponseMessage>> call, HttpStatusCode expected)
        {
            using var foreign = await call(secret.Id);
            using var absent = await call(missing);
            var (a, b) = (await foreign.ProblemAsync(expected), await absent.ProblemAsync(expected));
            // Indistinguishable from a project that does not exist.
            Assert.Equal(b.GetProperty("detail").GetString(), a.GetProperty("detail").GetString());
            return a.GetProperty("detail").GetString()!;
        }

        await Answer(id => mallory.SendAsync(HttpExtensions.Patch($"api/projects/{id}", new { name = "Mine now" })), HttpStatusCode.NotFound);
        await Answer(id => mallory.SendAsync(HttpExtensions.Patch($"api/projects/{id}", new { archived = true })), HttpStatusCode.NotFound);
        await Answer(id => mallory.DeleteAsync($"api/projects/{id}?tasks=delete"), HttpStatusCode.NotFound);
        await Answer(id => mallory.DeleteAsync($"api/projects/{id}"), HttpStatusCode.NotFound);
        await Answer(id => mallory.GetAsync($"api/tasks?project={id}&status=all"), HttpStatusCode.NotFound);
        await Answer(id => mallory.PostJsonAsync("api/tasks", new CreateTaskRequest("sneak in") { ProjectId = id }), HttpStatusCode.BadRequest);
        await Answer(id => mallory.SendAsync(HttpExtensions.Patch($"api/tasks/{mine.Id}", new { projectId = id })), HttpStatusCode.BadRequest);
        var target = await mallory.CreateProjectAsync("Mallory's");
        await Answer(id => mallory.DeleteAsync($"api/projects/{target.Id}?tasks=move&to={id}"), HttpStatusCode.BadRequest);

        Assert.DoesNotContain(await mallory.ProjectsAsync(), p => p.Id == secret.Id);
        var kept = (await alice.ProjectsAsync()).Single(p => p.Id == secret.Id);
        Assert.Equal(("Secret", false, 1), (kept.Name, kept.Archived, kept.OpenCount));
    }

    [Fact]
    public async Task AUserStoredBeforeProjectsGetsAnInboxWithAllTheirTasks()
    {
        var (user, client) = await backend.NewUserAsync();
        var now = DateTimeOffset.UtcNow;
        // Tasks as the backend stored them before projects (no projectId), in the index format before ADR 0010.
        var tasks = Enumerable.Range(0, 8).Select(i => new TaskRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            UserId = user.UserId,
            Title = $"old {i}",
            Completed = i < 3,
            CompletedAt = i < 3 ? now.AddMinutes(-i) : null,
            CreatedAt = now.AddDays(-100),
            UpdatedAt = now.AddDays(-100),
        }).ToList();
        using (var dapr = Dapr())
        {
            await dapr.SaveBulkStateAsync(DaprNames.StateStore,
                tasks.Select(t => new SaveStateItem<TaskRecord>(StateKeys.Task(user.UserId, t.Id), t, etag: null!)).ToList());
            await dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.TaskIndex(user.UserId), new { taskIds = tasks.Select(t => t.Id).ToList() });
        }

        var inbox = Assert.Single(await client.ProjectsAsync());
        Assert.Equal((ProjectDto.InboxId, 5), (inbox.Id, inbox.OpenCount));
        var all = await client.AllTasksAsync("status=all&project=inbox");
        Assert.Equal(tasks.Select(t => t.Title).Order(), all.Select(t => t.Title).Order());
        Assert.All(all, t => Assert.Equal(ProjectDto.InboxId, t.ProjectId));

        // An old task moves into a new project like any other.
        var work = await client.CreateProjectAsync("Work");
        using var move = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{tasks[5].Id}", new { projectId = work.Id }));
        move.EnsureSuccessStatusCode();
        Assert.Equal([4, 1], (await client.ProjectsAsync()).Select(p => p.OpenCount));
        Assert.Equal(8, (await client.AllTasksAsync("status=all")).Count);
    }

    [Fact]
    public async Task ATaskForAProjectWhoseDeleteJustEndedIsRefusedAndDoesNotBringItsIndexBack()
    {
        var (_, client) = await backend.NewUserAsync();
        var work = await client.CreateProjectAsync("Work");
        var task = await client.CreateTaskAsync("to move");
        using var dapr = Dapr();
        // The last step of a delete (the index goes last) landing between a write's check of the project and its write.
        await dapr.DeleteStateAsync(DaprNames.StateStore, StateKeys.ProjectTaskIndex(work.Id));

        using var create = await client.PostJsonAsync("api/tasks", new CreateTaskRequest("too late") { ProjectId = work.Id });
        using var move = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { projectId = work.Id }));

        Assert.Contains("deleted", (await create.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        await move.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Null(await dapr.GetStateAsync<TaskIndex?>(DaprNames.StateStore, StateKeys.ProjectTaskIndex(work.Id)));
        Assert.Equal("inbox", (await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>()).ProjectId);
    }

    private DaprClient Dapr() => new DaprClientBuilder()
        .UseGrpcEndpoint(backend.Emulator[DaprNames.BackendAppId].GrpcEndpoint.ToString())
        .UseJsonSerializationOptions(TodoJson.Options)
        .Build();
}
