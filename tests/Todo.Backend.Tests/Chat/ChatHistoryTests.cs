using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Chat;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// The conversation history behind the chat sidebar: a user's conversations a page at a time, newest first; each
/// assistant message says in words what it changed, with task ids, and the latest change carries an undo token.
/// </summary>
public sealed class ChatHistoryTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ConversationsArePagedNewestFirstWithTheFirstMessageAsTitle()
    {
        var (_, client) = await backend.NewUserAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var started = await ChatApiTests.SendAsync(client, null, $"help {i}");
            await ChatApiTests.SendAsync(client, started.ConversationId, "what's due today?");
            ids.Add(started.ConversationId);
        }

        var first = await (await client.GetAsync("api/chat/conversations?limit=2")).ReadAsync<ConversationPage>();
        var second = await (await client.GetAsync($"api/chat/conversations?limit=2&cursor={first.NextCursor}")).ReadAsync<ConversationPage>();

        Assert.Equal(3, first.Total);
        Assert.Equal([ids[2], ids[1]], first.Items.Select(c => c.Id));
        Assert.Equal(["help 2", "help 1"], first.Items.Select(c => c.Title));
        Assert.Equal([ids[0]], second.Items.Select(c => c.Id));
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=51")]
    [InlineData("limit=ten")]
    [InlineData("cursor=not-a-cursor")]
    public async Task AnOutOfBoundsPageRequestIsAProblem(string query)
    {
        var (_, client) = await backend.NewUserAsync();

        using var response = await client.GetAsync($"api/chat/conversations?{query}");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AssistantMessagesSayWhatChangedWithTheTaskIdsAndTheLatestCanBeUndone()
    {
        var (_, client) = await backend.NewUserAsync();
        var title = $"Milk {Guid.NewGuid():N}"[..13];

        var added = await ChatApiTests.SendAsync(client, null, $"{title} tomorrow");

        var done = Assert.Single(added.Done!);
        Assert.Equal($"Added “{title}” (due tomorrow)", done.Text);
        var id = Assert.Single(done.TaskIds);
        Assert.NotNull(added.UndoToken);
        var conversation = await (await client.GetAsync($"api/chat/conversations/{added.ConversationId}")).ReadAsync<Conversation>();
        Assert.Equal(added.UndoToken, conversation.Messages[1].UndoToken);
        var stored = Assert.Single(conversation.Messages[1].Done!);
        Assert.Equal(done.Text, stored.Text);
        Assert.Equal(done.TaskIds, stored.TaskIds);

        using var undone = await client.PostJsonAsync($"api/chat/conversations/{added.ConversationId}/undo", new ChatUndoRequest(added.UndoToken));
        var undo = await undone.ReadAsync<ChatResponse>();

        Assert.Equal($"Deleted “{title}”", Assert.Single(undo.Done!).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/tasks/{id}")).StatusCode);
        using var again = await client.PostJsonAsync($"api/chat/conversations/{added.ConversationId}/undo", new ChatUndoRequest(added.UndoToken));
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RunsOfTheSameChangeAreSummedUp()
    {
        var (_, client) = await backend.NewUserAsync();
        var tag = $"t{Guid.NewGuid():N}"[..10];
        var tasks = new[] { await client.CreateTaskAsync(new Todo.Contracts.Tasks.CreateTaskRequest("one", Tags: [tag])),
            await client.CreateTaskAsync(new Todo.Contracts.Tasks.CreateTaskRequest("two", Tags: [tag])),
            await client.CreateTaskAsync(new Todo.Contracts.Tasks.CreateTaskRequest("three", Tags: [tag])) };

        var asked = await ChatApiTests.SendAsync(client, null, $"complete all #{tag}");
        var answer = await ChatApiTests.SendAsync(client, asked.ConversationId, "yes");

        var done = Assert.Single(answer.Done!);
        Assert.Equal("Completed 3 tasks", done.Text);
        Assert.Equal(tasks.Select(t => t.Id).Order(), done.TaskIds.Order());
        Assert.Empty(asked.Done!);
    }

    [Fact]
    public async Task AnotherUserCanNeitherReadNorUndoAConversation()
    {
        var (_, alice) = await backend.NewUserAsync();
        var (_, bob) = await backend.NewUserAsync();
        var added = await ChatApiTests.SendAsync(alice, null, "water the plants tomorrow");
        Assert.NotNull(added.UndoToken);

        using var read = await bob.GetAsync($"api/chat/conversations/{added.ConversationId}");
        using var undo = await bob.PostJsonAsync($"api/chat/conversations/{added.ConversationId}/undo", new ChatUndoRequest(added.UndoToken));
        var bobs = await (await bob.GetAsync("api/chat/conversations")).ReadAsync<ConversationPage>();

        await read.ProblemAsync(HttpStatusCode.NotFound);
        await undo.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(bobs.Items);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"api/tasks/{Assert.Single(added.Done!).TaskIds[0]}")).StatusCode);
    }

    [Fact]
    public async Task AnUndoWithoutATokenIsAProblem()
    {
        var (_, client) = await backend.NewUserAsync();
        var added = await ChatApiTests.SendAsync(client, null, "feed the cat");

        using var missing = await client.PostJsonAsync($"api/chat/conversations/{added.ConversationId}/undo", new ChatUndoRequest(null));
        using var tooLong = await client.PostJsonAsync($"api/chat/conversations/{added.ConversationId}/undo", new ChatUndoRequest(new string('a', 65)));

        await missing.ProblemAsync(HttpStatusCode.BadRequest);
        await tooLong.ProblemAsync(HttpStatusCode.BadRequest);
    }
}
