using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.Mcp;

/// <summary>
/// move_task and assign_task over real MCP (the official C# client, streamable HTTP, personal access tokens): the manual
/// order and moves between projects, assigning members of a shared project, and who may do either (an editor may, a
/// viewer is refused, a stranger finds no task), decided by the same access checks REST uses.
/// </summary>
public sealed class McpMoveAndAssignTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task MoveTaskReordersWithinAProjectAndMovesToAnotherOne()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var a = await AddAsync(mcp, "apples");
        var b = await AddAsync(mcp, "bread");
        var c = await AddAsync(mcp, "cheese");

        var top = await mcp.CallOkAsync("move_task", new { id = c, first = true });
        Assert.Equal(1, top.GetProperty("position").GetInt32());
        Assert.Equal(3, top.GetProperty("of").GetInt32());
        Assert.Equal([c, a, b], await ManualOrderAsync(mcp, "inbox"));

        await mcp.CallOkAsync("move_task", new { id = b, before = a });
        Assert.Equal([c, b, a], await ManualOrderAsync(mcp, "inbox"));
        await mcp.CallOkAsync("move_task", new { id = c });
        Assert.Equal([b, a, c], await ManualOrderAsync(mcp, "inbox"));

        await mcp.CallOkAsync("add_project", new { name = "Groceries" });
        var moved = await mcp.CallOkAsync("move_task", new { id = a, project = "Groceries" });
        Assert.NotEqual("inbox", moved.GetProperty("projectId").GetString());
        Assert.Equal(moved.GetProperty("projectId").GetString(), moved.GetProperty("task").GetProperty("projectId").GetString());
        Assert.Equal([b, c], await ManualOrderAsync(mcp, "inbox"));
        Assert.Equal([a], await ManualOrderAsync(mcp, "Groceries"));
    }

    [Fact]
    public async Task MoveTaskErrorsSayWhatToDo()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var a = await AddAsync(mcp, "apples");
        var b = await AddAsync(mcp, "bread");
        await mcp.CallOkAsync("add_project", new { name = "Work" });
        var report = await AddAsync(mcp, "report", "Work");

        Assert.Contains("sort=manual", await ErrorAsync(mcp, "move_task", new { id = a, before = report }));
        Assert.Contains("not both", await ErrorAsync(mcp, "move_task", new { id = a, before = b, first = true }));
        Assert.Contains("list_projects", await ErrorAsync(mcp, "move_task", new { id = a, project = "No such list" }));
        Assert.Contains("list_tasks", await ErrorAsync(mcp, "move_task", new { id = new string('0', 32), first = true }));
        await mcp.CallOkAsync("complete_task", new { id = b });
        Assert.Contains("reopen", await ErrorAsync(mcp, "move_task", new { id = b, first = true }));
        Assert.Equal([a], await ManualOrderAsync(mcp, "inbox"));
    }

    [Fact]
    public async Task AssignTaskPicksAMemberOfTheProjectAndUnassignsWithNull()
    {
        await using var owner = await McpSession.StartAsync(backend);
        await using var member = await McpSession.StartAsync(backend);
        await owner.CallOkAsync("add_project", new { name = "Flat" });
        await owner.CallOkAsync("share_project", new { project = "Flat", member = member.User.Username });
        var bins = await AddAsync(owner, "take out the bins", "Flat");

        var assigned = await owner.CallOkAsync("assign_task", new { id = bins, assignee = member.User.Username.ToUpperInvariant() });
        Assert.Equal(member.User.Username, assigned.GetProperty("assignee").GetString());
        Assert.Equal(member.User.UserId, assigned.GetProperty("task").GetProperty("assigneeId").GetString());
        var mine = await member.CallOkAsync("assign_task", new { id = bins, assignee = "me" });
        Assert.Equal(member.User.UserId, mine.GetProperty("task").GetProperty("assigneeId").GetString());

        var cleared = await owner.Client.CallToolAsync("assign_task", new Dictionary<string, object?> { ["id"] = bins, ["assignee"] = null });
        Assert.True(cleared.IsError != true, McpSession.Text(cleared));
        var task = JsonSerializer.SerializeToElement(cleared.StructuredContent).GetProperty("task");
        Assert.Equal(JsonValueKind.Null, task.GetProperty("assigneeId").ValueKind);
        Assert.StartsWith("Unassigned", McpSession.Text(cleared));

        Assert.Contains("Nobody called \"ghost\"", await ErrorAsync(owner, "assign_task", new { id = bins, assignee = "ghost" }));
        var inbox = await AddAsync(owner, "my own errand");
        Assert.Contains("Inbox", await ErrorAsync(owner, "assign_task", new { id = inbox, assignee = member.User.Username }));
        Assert.Equal(owner.User.UserId, (await owner.CallOkAsync("assign_task", new { id = inbox, assignee = "me" })).GetProperty("task").GetProperty("assigneeId").GetString());
    }

    [Fact]
    public async Task AnEditorMovesAndAssignsAViewerIsRefusedAndAStrangerFindsNoTask()
    {
        await using var owner = await McpSession.StartAsync(backend);
        await using var editor = await McpSession.StartAsync(backend);
        await using var viewer = await McpSession.StartAsync(backend);
        await using var stranger = await McpSession.StartAsync(backend);
        await owner.CallOkAsync("add_project", new { name = "Garden" });
        await owner.CallOkAsync("add_project", new { name = "Shed" });
        await owner.CallOkAsync("share_project", new { project = "Garden", member = editor.User.Username });
        await owner.CallOkAsync("share_project", new { project = "Garden", member = viewer.User.Username, role = "viewer" });
        var mow = await AddAsync(owner, "mow the lawn", "Garden");
        var weed = await AddAsync(owner, "weed the beds", "Garden");

        await editor.CallOkAsync("move_task", new { id = weed, first = true });
        Assert.Equal([weed, mow], await ManualOrderAsync(owner, "Garden"));
        var assigned = await editor.CallOkAsync("assign_task", new { id = mow, assignee = viewer.User.Username });
        Assert.Equal(viewer.User.UserId, assigned.GetProperty("task").GetProperty("assigneeId").GetString());

        Assert.Contains("editor", await ErrorAsync(viewer, "move_task", new { id = mow, first = true }));
        Assert.True((await viewer.CallAsync("assign_task", new { id = weed, assignee = "me" })).IsError);
        // The editor sees only Garden: the owner's other project is no project of theirs.
        Assert.Contains("list_projects", await ErrorAsync(editor, "move_task", new { id = mow, project = "Shed" }));

        foreach (var (tool, arguments) in new (string, object)[]
        {
            ("move_task", new { id = mow, first = true }),
            ("move_task", new { id = mow, before = weed }),
            ("assign_task", new { id = mow, assignee = "me" }),
            ("assign_task", new { id = mow, assignee = owner.User.Username }),
        })
        {
            Assert.Contains("No task with that id", await ErrorAsync(stranger, tool, arguments));
        }

        Assert.Equal([weed, mow], await ManualOrderAsync(owner, "Garden"));
        var after = await owner.CallOkAsync("get_task", new { id = mow });
        Assert.Equal(viewer.User.UserId, after.GetProperty("task").GetProperty("assigneeId").GetString());
        Assert.Equal(JsonValueKind.Null, (await owner.CallOkAsync("get_task", new { id = weed })).GetProperty("task").GetProperty("assigneeId").ValueKind);
    }

    [Fact]
    public async Task SnoozingAReminderThatIsStillAheadChangesNothingAndSaysSo()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var at = DateTimeOffset.UtcNow.AddDays(1);
        var id = (await mcp.CallOkAsync("add_task", new { title = "Call the plumber", remindAt = at.ToString("O") })).GetProperty("task").GetProperty("id").GetString()!;
        var before = await mcp.CallOkAsync("get_task", new { id });

        var refused = await ErrorAsync(mcp, "snooze_reminder", new { id, minutes = 10 });

        Assert.Contains("has not come yet", refused);
        Assert.Contains("set_reminder", refused);
        var after = await mcp.CallOkAsync("get_task", new { id });
        Assert.Equal(before.GetProperty("task").GetProperty("remindAt").GetDateTimeOffset(), after.GetProperty("task").GetProperty("remindAt").GetDateTimeOffset());
        Assert.Equal(before.GetProperty("task").GetProperty("eTag").GetString(), after.GetProperty("task").GetProperty("eTag").GetString());

        // Snoozing past it pushes it back, as a snooze should.
        var later = await mcp.CallOkAsync("snooze_reminder", new { id, minutes = 2 * 24 * 60 });
        Assert.True(later.GetProperty("task").GetProperty("remindAt").GetDateTimeOffset() > at.AddHours(23));
    }

    private static async Task<string> AddAsync(McpSession mcp, string title, string? project = null) =>
        (await mcp.CallOkAsync("add_task", project is null ? new { title } : (object)new { title, project })).GetProperty("task").GetProperty("id").GetString()!;

    private static async Task<List<string>> ManualOrderAsync(McpSession mcp, string project) =>
        [.. (await mcp.CallOkAsync("list_tasks", new { project, sort = "manual" })).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];

    private static async Task<string> ErrorAsync(McpSession mcp, string tool, object arguments)
    {
        var result = await mcp.CallAsync(tool, arguments);
        Assert.True(result.IsError, $"{tool} should have failed: {McpSession.Text(result)}");
        return McpSession.Text(result);
    }
}
