using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// The offline assistant's changes, confirmations and undo end to end: real backend, emulator state store, the
/// conversation's memory kept between requests.
/// </summary>
public sealed class ChatUpdateApiTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task RaisingAPriorityChangesTheExistingTaskInsteadOfAddingOne()
    {
        var (_, client) = await backend.NewUserAsync();
        var rent = await client.CreateTaskAsync(new CreateTaskRequest("Pay rent", Tags: ["bills"]));

        var answer = await ChatApiTests.SendAsync(client, null, "make pay rent p1");
        var tagged = await ChatApiTests.SendAsync(client, answer.ConversationId, "tag pay rent with urgent");

        Assert.Equal(["list_tasks", "update_task"], answer.Actions.Select(a => a.Tool));
        Assert.Contains("high priority", tagged.Reply + answer.Reply, StringComparison.Ordinal);
        var task = await (await client.GetAsync($"api/tasks/{rent.Id}")).ReadAsync<TaskDto>();
        Assert.Equal(TaskPriority.High, task.Priority);
        Assert.Equal(["bills", "urgent"], task.Tags);
        var page = await (await client.GetAsync("api/tasks?status=all")).ReadAsync<TaskPage>();
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task DeletingEveryTaskOfATagAsksFirstAndOnlyAYesDeletes()
    {
        var (_, client) = await backend.NewUserAsync();
        var milk = await client.CreateTaskAsync(new CreateTaskRequest("Buy milk", Tags: ["shopping"]));
        var bread = await client.CreateTaskAsync(new CreateTaskRequest("Buy bread", Tags: ["shopping"]));
        var report = await client.CreateTaskAsync(new CreateTaskRequest("Write report", Tags: ["work"]));

        var question = await ChatApiTests.SendAsync(client, null, "delete all my shopping tasks");
        var refused = await ChatApiTests.SendAsync(client, question.ConversationId, "no");
        var again = await ChatApiTests.SendAsync(client, question.ConversationId, "delete everything tagged shopping");
        var yes = await ChatApiTests.SendAsync(client, question.ConversationId, "yes");

        Assert.Contains("Buy milk", question.Reply, StringComparison.Ordinal);
        Assert.Contains("Buy bread", question.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain(question.Actions.Concat(refused.Actions).Concat(again.Actions), a => a.Tool == "delete_task");
        Assert.Equal(2, yes.Actions.Count(a => a.Tool == "delete_task" && a.Succeeded));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{milk.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{bread.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/tasks/{report.Id}")).StatusCode);
    }

    [Fact]
    public async Task UndoPutsBackWhatTheLastCommandChanged()
    {
        var (_, client) = await backend.NewUserAsync();
        var report = await client.CreateTaskAsync(new CreateTaskRequest("Write report", Due: new DueDto(new DateOnly(2030, 1, 7), new TimeOnly(9, 30))));

        var moved = await ChatApiTests.SendAsync(client, null, "move write report to 2030-02-03");
        var undone = await ChatApiTests.SendAsync(client, moved.ConversationId, "oops, undo");
        var nothing = await ChatApiTests.SendAsync(client, moved.ConversationId, "undo");

        Assert.StartsWith("Undone.", undone.Reply, StringComparison.Ordinal);
        Assert.Contains("nothing", nothing.Reply, StringComparison.Ordinal);
        var task = await (await client.GetAsync($"api/tasks/{report.Id}")).ReadAsync<TaskDto>();
        Assert.Equal(new DueDto(new DateOnly(2030, 1, 7), new TimeOnly(9, 30)), task.Due);
    }
}
