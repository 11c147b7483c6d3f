using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Mcp;

namespace Todo.Backend.Tests.Steps;

/// <summary>Steps through the MCP tools (add_task's steps, add_step, update_step, remove_step) with the official client.</summary>
public sealed class StepToolTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AnAgentCreatesAChecklistTicksRenamesMovesAndRemovesSteps()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var added = await mcp.CallOkAsync("add_task", new { title = "Move flat", steps = new[] { "book the van", "pack books" } });
        var id = added.GetProperty("task").GetProperty("id").GetString()!;
        var steps = added.GetProperty("task").GetProperty("steps");
        Assert.Equal(["book the van", "pack books"], steps.EnumerateArray().Select(s => s.GetProperty("title").GetString()));
        var van = steps[0].GetProperty("id").GetString()!;

        var more = await mcp.CallOkAsync("add_step", new { id, title = "cancel internet", position = 0 });
        Assert.Equal("cancel internet", more.GetProperty("task").GetProperty("steps")[0].GetProperty("title").GetString());
        var ticked = await mcp.CallOkAsync("update_step", new { id, stepId = van, done = true, title = "book the big van", position = 2 });
        var last = ticked.GetProperty("task").GetProperty("steps")[2];
        Assert.Equal((van, "book the big van", true), (last.GetProperty("id").GetString(), last.GetProperty("title").GetString(), last.GetProperty("done").GetBoolean()));
        var removed = await mcp.CallOkAsync("remove_step", new { id, stepId = van });
        Assert.Equal(2, removed.GetProperty("task").GetProperty("steps").GetArrayLength());

        var batch = await mcp.CallOkAsync("add_tasks", new { tasks = new object[] { new { title = "Party", steps = new[] { "cake", "music" } } } });
        Assert.Equal(2, batch.GetProperty("tasks")[0].GetProperty("steps").GetArrayLength());

        var done = await mcp.CallOkAsync("complete_task", new { id });
        Assert.All(done.GetProperty("task").GetProperty("steps").EnumerateArray(), s => Assert.True(s.GetProperty("done").GetBoolean()));
    }

    [Fact]
    public async Task StepToolsExplainBadCallsAndNeverReachAnotherUsersTask()
    {
        await using var alice = await McpSession.StartAsync(backend);
        await using var bob = await McpSession.StartAsync(backend);
        var task = (await alice.CallOkAsync("add_task", new { title = "Alice's list", steps = new[] { "one" } })).GetProperty("task");
        var id = task.GetProperty("id").GetString()!;
        var stepId = task.GetProperty("steps")[0].GetProperty("id").GetString()!;

        var nothing = await alice.CallAsync("update_step", new { id, stepId });
        Assert.True(nothing.IsError);
        Assert.Contains("Nothing to change", McpSession.Text(nothing));
        var unknown = await alice.CallAsync("update_step", new { id, stepId = new string('d', 32), done = true });
        Assert.True(unknown.IsError);
        Assert.Contains("no step with that id", McpSession.Text(unknown));

        foreach (var (tool, arguments) in new (string, object)[] { ("add_step", new { id, title = "bob's" }), ("update_step", new { id, stepId, done = true }), ("remove_step", new { id, stepId }) })
        {
            var attempt = await bob.CallAsync(tool, arguments);
            Assert.True(attempt.IsError, $"{tool} of another user's task must fail");
        }

        var still = (await alice.CallOkAsync("get_task", new { id })).GetProperty("task").GetProperty("steps");
        Assert.Equal(1, still.GetArrayLength());
        Assert.False(still[0].GetProperty("done").GetBoolean());
    }
}
