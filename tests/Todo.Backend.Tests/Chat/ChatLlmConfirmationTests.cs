using System.Net;
using Todo.Backend.Features.Chat;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// A model's destructive calls go through the offline assistant's confirmation: several tasks at once, or a task the
/// conversation never pointed at, wait for the user's yes; a task the user just saw is changed at once.
/// </summary>
public sealed class ChatLlmConfirmationTests(ScriptedModelBackend stack) : IClassFixture<ScriptedModelBackend>
{
    [Fact]
    public async Task DeletingSeveralTasksWaitsForTheUsersYes()
    {
        var (_, client) = await stack.Backend.NewUserAsync();
        var first = await client.CreateTaskAsync("First to go");
        var second = await client.CreateTaskAsync("Second to go");

        var asked = await ChatApiTests.SendAsync(client, null, $"delete {first.Id} {second.Id}");

        Assert.StartsWith("Delete these 2 tasks?", asked.Reply);
        Assert.Contains("First to go", asked.Reply);
        Assert.Empty(asked.Actions);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/tasks/{first.Id}")).StatusCode);

        var done = await ChatApiTests.SendAsync(client, asked.ConversationId, "yes");

        Assert.Equal(["delete_task", "delete_task"], done.Actions.Select(a => a.Tool));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{second.Id}")).StatusCode);
    }

    [Fact]
    public async Task ATaskTheUserNeverPointedAtWaitsForYesAndNoLeavesIt()
    {
        var (_, client) = await stack.Backend.NewUserAsync();
        var task = await client.CreateTaskAsync("Guessed by the model");

        var asked = await ChatApiTests.SendAsync(client, null, $"delete {task.Id}");

        Assert.StartsWith("Delete this task?", asked.Reply);
        Assert.Contains(stack.Model.Received.SelectMany(m => m).SelectMany(m => m.Contents),
            c => c is Microsoft.Extensions.AI.FunctionResultContent r && r.Result?.ToString() == ModelChangeGate.HeldMessage);

        var answer = await ChatApiTests.SendAsync(client, asked.ConversationId, "no");

        Assert.Empty(answer.Actions);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/tasks/{task.Id}")).StatusCode);
    }

    [Fact]
    public async Task ATaskTheUserJustSawIsDeletedAtOnce()
    {
        var (_, client) = await stack.Backend.NewUserAsync();
        var task = await client.CreateTaskAsync("Seen in the list");
        var listed = await ChatApiTests.SendAsync(client, null, "whose tasks");

        var answer = await ChatApiTests.SendAsync(client, listed.ConversationId, $"delete {task.Id}");

        var action = Assert.Single(answer.Actions);
        Assert.Equal("delete_task", action.Tool);
        Assert.True(action.Succeeded);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{task.Id}")).StatusCode);
    }
}
