using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Mcp;
using Todo.Backend.Tests.Projects;

namespace Todo.Backend.Tests.Sharing;

/// <summary>
/// Sharing over real MCP (streamable HTTP, personal access tokens): share_project, list_members and remove_member, and
/// every task tool reaching a shared project's tasks for a member, never for anyone else, and no longer once removed.
/// </summary>
public sealed class SharingToolTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AMemberWorksOnASharedProjectThroughEveryToolUntilRemoved()
    {
        await using var owner = await McpSession.StartAsync(backend);
        await using var member = await McpSession.StartAsync(backend);
        await using var stranger = await McpSession.StartAsync(backend);
        await owner.CallOkAsync("add_project", new { name = "Trip" });
        var tickets = (await owner.CallOkAsync("add_task", new { title = "book tickets", project = "Trip" })).GetProperty("task").GetProperty("id").GetString()!;

        var shared = await owner.CallOkAsync("share_project", new { project = "Trip", member = member.User.Username });
        Assert.Equal("editor", shared.GetProperty("member").GetProperty("role").GetString());
        var members = await member.CallOkAsync("list_members", new { project = "Trip" });
        Assert.Equal([owner.User.Username, member.User.Username], members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("username").GetString()));

        Assert.Equal("book tickets", (await member.CallOkAsync("get_task", new { id = tickets })).GetProperty("task").GetProperty("title").GetString());
        Assert.Equal(1, (await member.CallOkAsync("list_tasks", new { project = "Trip" })).GetProperty("total").GetInt32());
        var added = (await member.CallOkAsync("add_task", new { title = "pack", project = "Trip" })).GetProperty("task").GetProperty("id").GetString()!;
        await member.CallOkAsync("add_tasks", new { tasks = new[] { new { title = "passports", project = "Trip" } } });
        await member.CallOkAsync("update_task", new { id = tickets, notes = "window seats" });
        // About to come, so a snooze moves it later (one that is still a day ahead is not brought forward).
        await member.CallOkAsync("set_reminder", new { id = tickets, at = DateTimeOffset.UtcNow.AddMinutes(2).ToString("O") });
        await member.CallOkAsync("snooze_reminder", new { id = tickets, minutes = 10 });
        await member.CallOkAsync("complete_task", new { id = added });
        await member.CallOkAsync("reopen_task", new { id = added });
        await member.CallOkAsync("delete_task", new { id = added });
        Assert.Equal(2, (await owner.CallOkAsync("list_tasks", new { project = "Trip" })).GetProperty("total").GetInt32());

        foreach (var (tool, arguments) in Calls(tickets))
        {
            Assert.True((await stranger.CallAsync(tool, arguments)).IsError, $"{tool} reached another user's shared project");
        }

        Assert.True((await stranger.CallAsync("list_members", new { project = "Trip" })).IsError);
        Assert.True((await member.CallAsync("share_project", new { project = "Trip", member = stranger.User.Username })).IsError);

        await owner.CallOkAsync("remove_member", new { project = "Trip", member = member.User.Username });
        foreach (var (tool, arguments) in Calls(tickets))
        {
            Assert.True((await member.CallAsync(tool, arguments)).IsError, $"{tool} still reached the project after removal");
        }

        Assert.Equal("window seats", (await owner.CallOkAsync("get_task", new { id = tickets })).GetProperty("task").GetProperty("notes").GetString());
    }

    [Fact]
    public async Task AMemberLeavesWithMeAndTheOwnerCannotLeave()
    {
        await using var owner = await McpSession.StartAsync(backend);
        await using var member = await McpSession.StartAsync(backend);
        await owner.CallOkAsync("add_project", new { name = "Book club" });
        await owner.CallOkAsync("share_project", new { project = "Book club", member = member.User.Username, role = "viewer" });
        Assert.True((await member.CallAsync("add_task", new { title = "x", project = "Book club" })).IsError);

        await member.CallOkAsync("remove_member", new { project = "Book club", member = "me" });

        Assert.True((await member.CallAsync("list_tasks", new { project = "Book club" })).IsError);
        var ownerLeaves = await owner.CallAsync("remove_member", new { project = "Book club", member = "me" });
        Assert.Contains("cannot leave", McpSession.Text(ownerLeaves));
        var unknown = await owner.CallAsync("share_project", new { project = "Book club", member = "no-such-person" });
        Assert.Contains("no user called", McpSession.Text(unknown));
    }

    private static IEnumerable<(string Tool, object Arguments)> Calls(string id) =>
    [
        ("get_task", new { id }),
        ("update_task", new { id, title = "taken" }),
        ("complete_task", new { id }),
        ("reopen_task", new { id }),
        ("delete_task", new { id }),
        ("set_reminder", new { id, clear = true }),
        ("snooze_reminder", new { id, minutes = 5 }),
        ("list_tasks", new { project = "Trip" }),
        ("add_task", new { title = "sneak in", project = "Trip" }),
    ];
}
