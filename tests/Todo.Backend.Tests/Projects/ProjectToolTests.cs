using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Mcp;
using Todo.Contracts;
using Todo.Contracts.Projects;

namespace Todo.Backend.Tests.Projects;

/// <summary>
/// The project tools over real MCP (streamable HTTP, personal access token): list_projects, add_project, and the
/// project argument of add_task and list_tasks, by name or id; another user's project is never reachable.
/// </summary>
public sealed class ProjectToolTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AProjectAddedByToolTakesTasksByNameAndListsThem()
    {
        await using var mcp = await McpSession.StartAsync(backend);

        var added = await mcp.CallOkAsync("add_project", new { name = "Groceries", color = "#4caf50" });
        var id = added.GetProperty("project").GetProperty("id").GetString()!;
        var milk = await mcp.CallOkAsync("add_task", new { title = "milk", project = "groceries" });
        await mcp.CallOkAsync("add_task", new { title = "call mom" });
        await mcp.CallOkAsync("add_tasks", new { tasks = new[] { new { title = "eggs", project = id } } });

        Assert.Equal(id, milk.GetProperty("task").GetProperty("projectId").GetString());
        var projects = await mcp.CallOkAsync("list_projects", new { });
        var items = projects.GetProperty("items").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("openCount").GetInt32())).ToList();
        Assert.Equal([("Inbox", 1), ("Groceries", 2)], items);
        Assert.Equal(["eggs", "milk"], Titles(await mcp.CallOkAsync("list_tasks", new { project = "Groceries", sort = "title" })));
        Assert.Equal(["call mom"], Titles(await mcp.CallOkAsync("list_tasks", new { project = "inbox" })));
        Assert.Equal(3, (await mcp.CallOkAsync("list_tasks", new { })).GetProperty("total").GetInt32());

        var moved = await mcp.CallOkAsync("update_task", new { id = milk.GetProperty("task").GetProperty("id").GetString(), project = "Inbox" });
        Assert.Equal("inbox", moved.GetProperty("task").GetProperty("projectId").GetString());
        Assert.Equal(["eggs"], Titles(await mcp.CallOkAsync("list_tasks", new { project = id })));
    }

    [Fact]
    public async Task AProjectThatCannotBeFoundOrAddedIsAToolErrorSayingWhatToDo()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        await mcp.CallOkAsync("add_project", new { name = "Work" });

        var unknown = await mcp.CallAsync("add_task", new { title = "x", project = "Holidays" });
        var listUnknown = await mcp.CallAsync("list_tasks", new { project = Guid.NewGuid().ToString("N") });
        var duplicate = await mcp.CallAsync("add_project", new { name = "work" });
        var inbox = await mcp.CallAsync("add_project", new { name = "Inbox" });

        Assert.All(new[] { unknown, listUnknown, duplicate, inbox }, r => Assert.True(r.IsError));
        Assert.Contains("list_projects", McpSession.Text(unknown));
        Assert.Contains("list_projects", McpSession.Text(listUnknown));
        Assert.Contains("already have a project", McpSession.Text(duplicate));
        Assert.Contains("Inbox", McpSession.Text(inbox));
    }

    [Fact]
    public async Task AnotherUsersProjectIsUnreachableByEveryTool()
    {
        var (_, alice) = await backend.NewUserAsync();
        var secret = await alice.CreateProjectAsync("Secret");
        await alice.CreateTaskInAsync(secret.Id, "private");
        await using var mallory = await McpSession.StartAsync(backend);
        var mine = (await mallory.CallOkAsync("add_task", new { title = "mallory's" })).GetProperty("task").GetProperty("id").GetString();
        var missing = Guid.NewGuid().ToString("N");

        foreach (var (tool, arguments) in new (string, Func<string, object>)[]
        {
            ("add_task", id => new { title = "sneak in", project = id }),
            ("list_tasks", id => new { project = id, status = "all" }),
            ("add_tasks", id => new { tasks = new[] { new { title = "sneak in", project = id } } }),
            ("update_task", id => new { id = mine, project = id }),
        })
        {
            var foreign = await mallory.CallAsync(tool, arguments(secret.Id));
            var absent = await mallory.CallAsync(tool, arguments(missing));
            Assert.True(foreign.IsError, tool);
            // Exactly the answer for a project that does not exist.
            Assert.Equal(McpSession.Text(absent), McpSession.Text(foreign));
        }

        // A project of the same name is the caller's own, never someone else's.
        Assert.True((await mallory.CallAsync("add_task", new { title = "x", project = "Secret" })).IsError);
        var listed = await mallory.CallOkAsync("list_projects", new { });
        Assert.Equal(["inbox"], listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(1, (await alice.ProjectsAsync()).Single(p => p.Id == secret.Id).OpenCount);
    }

    private static List<string?> Titles(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()).ToList();
}
