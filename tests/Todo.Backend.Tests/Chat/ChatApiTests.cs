using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Chat;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Chat;

public sealed class ChatApiTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AskingToBeRemindedAddsTheTaskThroughTheAddTaskTool()
    {
        var (user, client) = await backend.NewUserAsync("Europe/Berlin");

        var answer = await SendAsync(client, null, "remind me to call mom tomorrow at 5pm #family");

        var action = Assert.Single(answer.Actions);
        Assert.Equal("add_task", action.Tool);
        Assert.True(action.Succeeded);
        Assert.Equal("call mom", action.Arguments.GetProperty("title").GetString());
        Assert.Equal("17:00", action.Arguments.GetProperty("dueTime").GetString());
        Assert.Contains("call mom", answer.Reply);
        var task = await (await client.GetAsync($"api/tasks/{Assert.Single(action.TaskIds)}")).ReadAsync<TaskDto>();
        Assert.Equal(new TimeOnly(17, 0), task.Due!.Time);
        Assert.Equal(["family"], task.Tags);
        Assert.NotNull(task.RemindAt);
        var created = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Created && e.IsAbout(task.Id));
        Assert.Equal(user.UserId, created.Data.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task NumbersReferToTheLastListOfTheConversation()
    {
        var (_, client) = await backend.NewUserAsync();
        var first = await client.CreateTaskAsync(new CreateTaskRequest("Alpha", Due: new DueDto(new DateOnly(2030, 1, 1))));
        var second = await client.CreateTaskAsync(new CreateTaskRequest("Beta", Due: new DueDto(new DateOnly(2030, 1, 2))));

        var listed = await SendAsync(client, null, "what's on my list?");
        var done = await SendAsync(client, listed.ConversationId, "done 2");

        Assert.Equal("list_tasks", Assert.Single(listed.Actions).Tool);
        Assert.Equal([first.Id, second.Id], listed.Actions[0].TaskIds);
        Assert.Contains("1. “Alpha”", listed.Reply);
        Assert.Contains("2. “Beta”", listed.Reply);
        var action = Assert.Single(done.Actions);
        Assert.Equal("complete_task", action.Tool);
        Assert.Equal(second.Id, action.Arguments.GetProperty("id").GetString());
        Assert.Contains("Beta", done.Reply);
        Assert.True((await (await client.GetAsync($"api/tasks/{second.Id}")).ReadAsync<TaskDto>()).Completed);
        Assert.False((await (await client.GetAsync($"api/tasks/{first.Id}")).ReadAsync<TaskDto>()).Completed);
    }

    [Fact]
    public async Task AnAmbiguousTitleIsAskedBackAndTheAnswerByNumberActs()
    {
        var (_, client) = await backend.NewUserAsync();
        await client.CreateTaskAsync("Buy milk");
        var bread = await client.CreateTaskAsync(new CreateTaskRequest("Buy bread", Due: new DueDto(new DateOnly(2030, 1, 1))));

        var question = await SendAsync(client, null, "delete buy");
        var deleted = await SendAsync(client, question.ConversationId, "delete 1");

        Assert.Contains("Which one?", question.Reply);
        Assert.Contains("Buy milk", question.Reply);
        Assert.DoesNotContain(question.Actions, a => a.Tool == "delete_task");
        var action = Assert.Single(deleted.Actions);
        Assert.Equal("delete_task", action.Tool);
        Assert.Equal(bread.Id, action.Arguments.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{bread.Id}")).StatusCode);
    }

    [Fact]
    public async Task MovingAndSnoozingGoThroughUpdateTaskAndSnoozeReminder()
    {
        var (_, client) = await backend.NewUserAsync();
        // A reminder about to come (a snooze of one days away is refused: it would bring it forward).
        var task = await client.CreateTaskAsync(new CreateTaskRequest("Dentist", Due: new DueDto(new DateOnly(2030, 1, 1), new TimeOnly(9, 0)),
            Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddMinutes(5))));

        var moved = await SendAsync(client, null, "move dentist to 2030-02-03");
        var snoozed = await SendAsync(client, moved.ConversationId, "snooze dentist for 15 minutes");

        Assert.Equal(["list_tasks", "update_task"], moved.Actions.Select(a => a.Tool));
        var after = await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>();
        Assert.Equal(new DueDto(new DateOnly(2030, 2, 3), new TimeOnly(9, 0)), after.Due);
        Assert.Equal("snooze_reminder", snoozed.Actions[^1].Tool);
        Assert.Equal(15, snoozed.Actions[^1].Arguments.GetProperty("minutes").GetInt32());
    }

    [Fact]
    public async Task SomethingNotUnderstoodGetsExamplesNotAnError()
    {
        var (_, client) = await backend.NewUserAsync();

        var answer = await SendAsync(client, null, "tell me a joke");
        var typo = await SendAsync(client, answer.ConversationId, "call mom tomorow at 5pm");

        Assert.Empty(answer.Actions);
        Assert.Contains("remind me to call mom", answer.Reply);
        Assert.Empty(typo.Actions);
        Assert.Contains("tomorow", typo.Reply);
    }

    [Fact]
    public async Task ConversationsAreListedReadAndDeletedOnlyByTheirOwner()
    {
        var (_, client) = await backend.NewUserAsync();
        var (_, stranger) = await backend.NewUserAsync();
        var answer = await SendAsync(client, null, "help");
        await SendAsync(client, answer.ConversationId, "what's due today?");

        var list = await (await client.GetAsync("api/chat/conversations")).ReadAsync<ConversationPage>();
        var conversation = await (await client.GetAsync($"api/chat/conversations/{answer.ConversationId}")).ReadAsync<Conversation>();
        using var strangerGet = await stranger.GetAsync($"api/chat/conversations/{answer.ConversationId}");
        using var strangerDelete = await stranger.DeleteAsync($"api/chat/conversations/{answer.ConversationId}");
        using var strangerContinue = await stranger.PostJsonAsync("api/chat", new ChatRequest(answer.ConversationId, "help"));
        var strangerList = await (await stranger.GetAsync("api/chat/conversations")).ReadAsync<ConversationPage>();

        var summary = Assert.Single(list.Items);
        Assert.Equal(answer.ConversationId, summary.Id);
        Assert.Equal("help", summary.Title);
        Assert.Equal(4, summary.MessageCount);
        Assert.Equal(["user", "assistant", "user", "assistant"], conversation.Messages.Select(m => m.Role));
        Assert.Equal("list_tasks", Assert.Single(conversation.Messages[3].Actions!).Tool);
        await strangerGet.ProblemAsync(HttpStatusCode.NotFound);
        await strangerDelete.ProblemAsync(HttpStatusCode.NotFound);
        await strangerContinue.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(strangerList.Items);

        using var deleted = await client.DeleteAsync($"api/chat/conversations/{answer.ConversationId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/chat/conversations/{answer.ConversationId}")).StatusCode);
        Assert.Empty((await (await client.GetAsync("api/chat/conversations")).ReadAsync<ConversationPage>()).Items);
    }

    [Theory]
    [InlineData(2001, "2,000")]
    [InlineData(0, "Type a message")]
    public async Task MessagesMustHaveOneToTwoThousandCharacters(int length, string hint)
    {
        var (_, client) = await backend.NewUserAsync();

        using var response = await client.PostJsonAsync("api/chat", new ChatRequest(null, new string('a', length)));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(hint, problem.GetProperty("errors").GetProperty("message")[0].GetString());
    }

    [Fact]
    public async Task WithoutSigningInTheChatAnswers401()
    {
        using var anonymous = backend.Anonymous();

        using var response = await anonymous.PostJsonAsync("api/chat", new ChatRequest(null, "help"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AConversationKeepsItsLastTwoHundredMessages()
    {
        var (_, client) = await backend.NewUserAsync();
        var first = await SendAsync(client, null, "help");
        for (var i = 1; i <= 100; i++)
        {
            await SendAsync(client, first.ConversationId, $"help {i}");
        }

        var conversation = await (await client.GetAsync($"api/chat/conversations/{first.ConversationId}")).ReadAsync<Conversation>();

        Assert.Equal(200, conversation.Messages.Count);
        Assert.Equal("help 1", conversation.Messages[0].Text);
        Assert.Equal("help 100", conversation.Messages[^2].Text);
    }

    [Fact]
    public async Task ConcurrentMessagesToOneConversationAreAllKept()
    {
        var (_, client) = await backend.NewUserAsync();
        var first = await SendAsync(client, null, "help");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => SendAsync(client, first.ConversationId, $"help {i}")));

        var conversation = await (await client.GetAsync($"api/chat/conversations/{first.ConversationId}")).ReadAsync<Conversation>();
        Assert.Equal(14, conversation.Messages.Count);
        Assert.Equal(7, conversation.Messages.Count(m => m.Role == "user"));
    }

    internal static async Task<ChatResponse> SendAsync(HttpClient client, string? conversationId, string message)
    {
        using var response = await client.PostJsonAsync("api/chat", new ChatRequest(conversationId, message));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"chat answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<ChatResponse>();
    }
}
