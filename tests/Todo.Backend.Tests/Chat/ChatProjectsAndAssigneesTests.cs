using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Backend.Tests.Sharing;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// The offline chat moving tasks between projects and to the top, and assigning them, through the real tools and
/// state store (the evaluation set covers the phrasings over simulated tools): the same access rules as MCP and REST.
/// </summary>
public sealed class ChatProjectsAndAssigneesTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task TheChatMovesATaskToAProjectAndToTheTopAndUndoesTheMove()
    {
        var (_, client) = await backend.NewUserAsync();
        var groceries = await client.CreateProjectAsync("Groceries");
        var eggs = await client.CreateTaskInAsync(groceries.Id, "Buy eggs");
        var milk = await client.CreateTaskAsync("Buy milk");

        var moved = await ChatApiTests.SendAsync(client, null, "move buy milk to groceries");

        Assert.Contains(moved.Actions, a => a is { Tool: "move_task", Succeeded: true });
        Assert.Contains("Moved “Buy milk” to Groceries", moved.Reply);
        Assert.Equal(groceries.Id, (await TaskAsync(client, milk.Id)).ProjectId);
        var top = await ChatApiTests.SendAsync(client, moved.ConversationId, "move buy milk to the top");
        Assert.Contains("top", top.Reply);
        Assert.Equal([milk.Id, eggs.Id], (await client.TasksAsync($"project={groceries.Id}&sort=manual")).Items.Select(t => t.Id));
        // Undo puts it back where it was: before the task that followed it.
        await ChatApiTests.SendAsync(client, moved.ConversationId, "undo");
        Assert.Equal([eggs.Id, milk.Id], (await client.TasksAsync($"project={groceries.Id}&sort=manual")).Items.Select(t => t.Id));

        var missing = await ChatApiTests.SendAsync(client, null, "move buy eggs to the garden project");
        Assert.Contains("no project called “garden”", missing.Reply);
        Assert.Equal(groceries.Id, (await TaskAsync(client, eggs.Id)).ProjectId);

        var again = await ChatApiTests.SendAsync(client, null, "move buy eggs to the inbox");
        await ChatApiTests.SendAsync(client, again.ConversationId, "undo");
        Assert.Equal(groceries.Id, (await TaskAsync(client, eggs.Id)).ProjectId);
    }

    [Fact]
    public async Task TheChatAssignsAMemberAnswersWhoAndListsWhatIsAssignedToMe()
    {
        var s = await backend.SharedProjectAsync();

        var assigned = await ChatApiTests.SendAsync(s.OwnerClient, null, $"assign buy soap to {s.Member.Username}");

        Assert.Contains(assigned.Actions, a => a is { Tool: "assign_task", Succeeded: true });
        Assert.Equal(s.Member.UserId, (await TaskAsync(s.OwnerClient, s.Task.Id)).AssigneeId);
        var who = await ChatApiTests.SendAsync(s.OwnerClient, null, "who is buy soap assigned to?");
        Assert.Contains(s.Member.Username, who.Reply);
        var mine = await ChatApiTests.SendAsync(s.MemberClient, null, "what's assigned to me?");
        Assert.Contains("buy soap", mine.Reply);

        var stranger = await ChatApiTests.SendAsync(s.OwnerClient, null, $"assign buy soap to {s.Stranger.Username}");
        Assert.Contains("Nobody called", stranger.Reply);
        Assert.Equal(s.Member.UserId, (await TaskAsync(s.OwnerClient, s.Task.Id)).AssigneeId);

        await ChatApiTests.SendAsync(s.MemberClient, null, "unassign buy soap");
        Assert.Null((await TaskAsync(s.OwnerClient, s.Task.Id)).AssigneeId);
        var strangers = await ChatApiTests.SendAsync(s.StrangerClient, null, "assign buy soap to me");
        Assert.DoesNotContain(strangers.Actions, a => a.Succeeded && a.TaskIds.Contains(s.Task.Id));
        Assert.Null((await TaskAsync(s.OwnerClient, s.Task.Id)).AssigneeId);
    }

    private static async Task<TaskDto> TaskAsync(HttpClient client, string id) => await (await client.GetAsync($"api/tasks/{id}")).ReadAsync<TaskDto>();
}
