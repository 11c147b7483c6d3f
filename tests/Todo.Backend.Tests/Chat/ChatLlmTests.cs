using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Chat;

/// <summary>A backend whose chat is driven by a scripted model through function calling (no network).</summary>
public sealed class ScriptedModelBackend : IAsyncLifetime
{
    public ScriptedModelBackend()
    {
        Model = new ScriptedChatClient(text => text switch
        {
            "add oat milk" => [new FunctionCallContent("c1", "add_task", new Dictionary<string, object?> { ["title"] = "Oat milk", ["priority"] = "high", ["tags"] = new[] { "shop" } })],
            "bad date" => [new FunctionCallContent("c2", "add_task", new Dictionary<string, object?> { ["title"] = "X", ["dueDate"] = "next tuesday" })],
            "whose tasks" => [new FunctionCallContent("c3", "list_tasks", new Dictionary<string, object?> { ["status"] = "all" })],
            // "delete <id> <id>...": one delete_task call per id, all in one response.
            _ when text.StartsWith("delete ", StringComparison.Ordinal) => [.. text.Split(' ').Skip(1).Select((id, i) =>
                new FunctionCallContent($"d{i}", "delete_task", new Dictionary<string, object?> { ["id"] = id }))],
            _ => [],
        });
        Backend = new BackendFixture { ConfigureServices = services => services.AddSingleton<IChatClient>(Model) };
    }

    public ScriptedChatClient Model { get; }

    public BackendFixture Backend { get; }

    public Task InitializeAsync() => Backend.InitializeAsync();

    public Task DisposeAsync() => Backend.DisposeAsync();
}

public sealed class ChatLlmTests(ScriptedModelBackend stack) : IClassFixture<ScriptedModelBackend>
{
    [Fact]
    public async Task AModelDrivesTheSameToolsThroughFunctionCalling()
    {
        var (_, client) = await stack.Backend.NewUserAsync();

        var answer = await ChatApiTests.SendAsync(client, null, "add oat milk");

        var action = Assert.Single(answer.Actions);
        Assert.Equal("add_task", action.Tool);
        Assert.True(action.Succeeded);
        Assert.Equal("Oat milk", action.Arguments.GetProperty("title").GetString());
        var task = await (await client.GetAsync($"api/tasks/{Assert.Single(action.TaskIds)}")).ReadAsync<TaskDto>();
        Assert.Equal(TaskPriority.High, task.Priority);
        Assert.Equal(["shop"], task.Tags);
        Assert.StartsWith("Model says: Added \"Oat milk\"", answer.Reply);
    }

    [Fact]
    public async Task TheModelIsOfferedEveryToolAndNoneTakesAUserId()
    {
        var (_, client) = await stack.Backend.NewUserAsync();

        await ChatApiTests.SendAsync(client, null, "hello there");

        var tools = stack.Model.Offered.Last()!.Tools!.OfType<AIFunctionDeclaration>().ToList();
        Assert.Equal(20, tools.Count);
        Assert.Contains(tools, t => t.Name == "move_task");
        Assert.Contains(tools, t => t.Name == "assign_task");
        Assert.Contains(tools, t => t.Name == "snooze_reminder");
        Assert.Contains(tools, t => t.Name == "share_project");
        Assert.All(tools, t => Assert.DoesNotContain(t.JsonSchema.GetProperty("properties").EnumerateObject(),
            p => p.Name.Contains("user", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("principal", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task AToolErrorGoesBackToTheModelAndIsRecordedAsFailed()
    {
        var (_, client) = await stack.Backend.NewUserAsync();

        var answer = await ChatApiTests.SendAsync(client, null, "bad date");

        var action = Assert.Single(answer.Actions);
        Assert.False(action.Succeeded);
        Assert.Contains("YYYY-MM-DD", answer.Reply);
    }

    [Fact]
    public async Task TheModelOnlyEverSeesTheSignedInUsersTasks()
    {
        var (_, alice) = await stack.Backend.NewUserAsync();
        var (_, bob) = await stack.Backend.NewUserAsync();
        var secret = await alice.CreateTaskAsync("Alice only");

        var answer = await ChatApiTests.SendAsync(bob, null, "whose tasks");

        Assert.Empty(Assert.Single(answer.Actions).TaskIds);
        Assert.DoesNotContain(secret.Id, answer.Reply);
    }
}
