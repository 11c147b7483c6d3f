using System.Text.Json;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Chat;

namespace Todo.Web.Tests;

public sealed class ChatPanelTests : MudTestContext
{
    private static readonly DateTimeOffset Earlier = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AReplySaysWhatItChangedInWordsInsteadOfToolNamesAndContinuesTheSameConversation()
    {
        var backend = new FakeChatBackend
        {
            Reply = _ => new ChatResponse("c1", "Added “Call mom” for tomorrow 17:00. I'll remind you then.",
                [new ChatAction("add_task", JsonDocument.Parse("{}").RootElement, ["t1"])], [new ChatDone("Added “Call mom” (due tomorrow 17:00)", ["t1"])], "u1"),
        };
        var panel = RenderPanel(backend);

        await SayAsync(panel, "remind me to call mom tomorrow at 5pm");
        await SayAsync(panel, "thanks");

        Assert.Equal([new ChatRequest(null, "remind me to call mom tomorrow at 5pm"), new ChatRequest("c1", "thanks")], backend.Sent);
        // The opening sentence says what the done line says, so it is shown once, as the done line; the rest stays.
        panel.WaitForAssertion(() => Assert.Equal("I'll remind you then.", panel.FindAll(".chat-assistant .chat-paragraph")[0].TextContent));
        Assert.Equal("Added “Call mom” (due tomorrow 17:00)", panel.FindAll(".chat-done-line")[0].TextContent.Trim());
        Assert.DoesNotContain("for tomorrow 17:00", panel.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("add_task", panel.Markup, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll(".chat-action"));
    }

    [Theory]
    [InlineData("Added “Buy milk” · due tomorrow.", "Added “Buy milk” (due tomorrow)", "")]
    [InlineData("Added “Buy milk” · due tomorrow. I'll remind you at 9:00.", "Added “Buy milk” (due tomorrow)", "I'll remind you at 9:00.")]
    [InlineData("Marked “Pay rent” as done. The next one will appear shortly.", "Completed “Pay rent”", "The next one will appear shortly.")]
    [InlineData("Added “Dr. Lee. Call back”.", "Added “Dr. Lee. Call back”", "")]
    [InlineData("Updated “Pay rent”: it is high priority now.", "Changed “Pay rent”", "Updated “Pay rent”: it is high priority now.")]
    [InlineData("Added “Buy milk”.", "Added “Buy bread”", "Added “Buy milk”.")]
    [InlineData("Deleted “Buy milk”.", "Added “Buy milk”", "Deleted “Buy milk”.")]
    [InlineData("Undone. Deleted “Buy milk”.", "Deleted “Buy milk”", "Undone.")]
    public void AnOpeningSentenceThatRepeatsTheDoneLineIsLeftOut(string text, string done, string shown)
    {
        Assert.Equal(shown, ChatText.WithoutRestatedChange(text, [new ChatDone(done, ["t1"])]));
    }

    [Fact]
    public void AfterAReloadTheLatestConversationIsShownAgain()
    {
        var backend = new FakeChatBackend();
        backend.Add(Conversation("old", "what's overdue?", "Nothing is overdue.", Earlier.AddDays(-1)));
        backend.Add(Conversation("latest", "add buy milk tomorrow", "Added “Buy milk” for tomorrow.", Earlier,
            new ChatDone("Added “Buy milk” (due tomorrow)", ["t1"]), undoToken: "u1"));

        var panel = RenderPanel(backend);

        panel.WaitForAssertion(() => Assert.Equal(["add buy milk tomorrow", "Added “Buy milk” (due tomorrow)"],
            panel.FindAll(".chat-message").Select(m => m.QuerySelector(".chat-user-text, .chat-done-line")!.TextContent.Trim())));
        Assert.Empty(panel.FindAll(".chat-assistant .chat-paragraph"));
        Assert.NotNull(panel.Find("#chat-undo"));
    }

    [Fact]
    public async Task TheConversationListIsNewestFirstOpensAnOlderOneAndANewConversationStartsWithoutAnId()
    {
        var backend = new FakeChatBackend();
        backend.Add(Conversation("old", "what's overdue?", "Nothing is overdue.", Earlier.AddDays(-2)));
        backend.Add(Conversation("latest", "add buy milk", "Added “Buy milk”.", Earlier));
        var panel = RenderPanel(backend);
        panel.WaitForAssertion(() => Assert.Contains("Added “Buy milk”.", panel.Find(".chat-assistant").TextContent, StringComparison.Ordinal));

        await panel.Find("#chat-history").ClickAsync(new());
        Assert.Equal(["add buy milk", "what's overdue?"], panel.FindAll(".chat-conversation-title").Select(t => t.TextContent));
        Assert.Equal("2 d ago", panel.FindAll(".chat-conversation-when")[1].TextContent);
        await panel.Find("[data-conversation-id='old']").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal("Nothing is overdue.", panel.Find(".chat-assistant").TextContent.Trim()));
        Assert.Empty(panel.FindAll("#chat-conversations"));
        await SayAsync(panel, "thanks");
        await panel.Find("#chat-new").ClickAsync(new());
        Assert.Empty(panel.FindAll(".chat-message"));
        await SayAsync(panel, "hello");

        Assert.Equal([new ChatRequest("old", "thanks"), new ChatRequest(null, "hello")], backend.Sent);
    }

    [Fact]
    public async Task UndoSendsTheLatestRepliesTokenAndShowsWhatWasUndone()
    {
        var backend = new FakeChatBackend
        {
            Reply = _ => new ChatResponse("c1", "Added “Buy milk” for tomorrow.", [], [new ChatDone("Added “Buy milk” (due tomorrow)", ["t1"])], "u1"),
            UndoReply = (_, _) => new ChatResponse("c1", "Undone: deleted “Buy milk”.", [], [new ChatDone("Deleted “Buy milk”", ["t1"])]),
        };
        var panel = RenderPanel(backend);
        await SayAsync(panel, "add buy milk tomorrow");

        await panel.Find("#chat-undo").ClickAsync(new());

        Assert.Equal([("c1", "u1")], backend.Undone);
        panel.WaitForAssertion(() => Assert.Equal("Deleted “Buy milk”", panel.FindAll(".chat-done-line")[^1].TextContent.Trim()));
        Assert.Equal("undo", panel.FindAll(".chat-user-text")[^1].TextContent);
        Assert.Empty(panel.FindAll("#chat-undo"));
        // A deleted task cannot be opened, so its line is not a link.
        Assert.Empty(panel.FindAll(".chat-done-line")[^1].QuerySelectorAll("a"));
    }

    [Fact]
    public async Task UndoOnlyShowsOnTheNewestReply()
    {
        var turn = 0;
        var backend = new FakeChatBackend
        {
            Reply = _ => new ChatResponse("c1", "Done.", [], [new ChatDone($"Added “Task {++turn}”", [$"t{turn}"])], $"u{turn}"),
        };
        var panel = RenderPanel(backend);

        await SayAsync(panel, "add one");
        await SayAsync(panel, "add two");

        var undo = Assert.Single(panel.FindAll("#chat-undo"));
        await undo.ClickAsync(new());
        Assert.Equal([("c1", "u2")], backend.Undone);
    }

    [Fact]
    public async Task AnUndoThatIsNoLongerTheLatestChangeSaysSoAndLosesItsButton()
    {
        var backend = new FakeChatBackend
        {
            Reply = _ => new ChatResponse("c1", "Added “Buy milk”.", [], [new ChatDone("Added “Buy milk”", ["t1"])], "u1"),
            UndoReply = (_, _) => throw new BackendProblem(409, "Conflict", "That change can no longer be undone: only the latest change of a conversation can."),
        };
        var panel = RenderPanel(backend);
        await SayAsync(panel, "add buy milk");

        await panel.Find("#chat-undo").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal("That change can no longer be undone: only the latest change of a conversation can be undone.",
            panel.Find(".chat-error").TextContent.Trim()));
        Assert.Empty(panel.FindAll("#chat-undo"));
        Assert.Single(panel.FindAll(".chat-user"));
    }

    [Fact]
    public async Task NumberedAndBulletedListsRenderAsListsAndLineBreaksAreKept()
    {
        var backend = new FakeChatBackend
        {
            Reply = _ => new ChatResponse("c1", "You have 2 open tasks:\n1. **Buy milk** (due tomorrow)\n2. Call mom\nAlso:\n- one\n- two\nLine one\nline two", []),
        };
        var panel = RenderPanel(backend);

        await SayAsync(panel, "what's on my list");

        panel.WaitForAssertion(() => Assert.Equal(["Buy milk (due tomorrow)", "Call mom"], panel.FindAll(".chat-assistant ol > li").Select(li => li.TextContent.Trim())));
        Assert.Equal("Buy milk", panel.Find(".chat-assistant ol strong").TextContent);
        Assert.Equal(["one", "two"], panel.FindAll(".chat-assistant ul.chat-list > li").Select(li => li.TextContent.Trim()));
        var last = panel.FindAll(".chat-assistant .chat-paragraph")[^1];
        Assert.Equal("Line one<br>line two", last.InnerHtml);
        Assert.DoesNotContain("**", panel.Find(".chat-assistant").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkupInAReplyOrAMessageIsShownAsTextNeverAsElements()
    {
        const string Attack = "<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>";
        var backend = new FakeChatBackend { Reply = request => new ChatResponse("c1", $"Added “{request.Message}”.\n1. {Attack}", [], [new ChatDone($"Added “{Attack}”", ["t1"])]) };
        var panel = RenderPanel(backend);

        await SayAsync(panel, Attack);

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll(".chat-message").Count));
        Assert.Empty(panel.FindAll("#chat-messages img, #chat-messages script, #chat-messages b"));
        Assert.Equal(Attack, panel.Find(".chat-user-text").TextContent);
        Assert.Equal(Attack, panel.Find(".chat-assistant ol > li").TextContent.Trim());
        Assert.Equal(Attack, panel.Find(".chat-done-line a").TextContent);
    }

    [Fact]
    public async Task ATaskInAReplyIsALinkThatOpensTheTaskEditorForThatTask()
    {
        var milk = TaskRowTests.Task("Buy milk") with { Id = "t7" };
        var backend = new FakeChatBackend
        {
            Reply = _ => new ChatResponse("c1", "Your tasks:\n1. Buy milk\n2. Call mom",
                [new ChatAction("list_tasks", JsonDocument.Parse("{}").RootElement, ["t7", "t8"])], [new ChatDone("Added “Buy milk”", ["t7"])]),
            Tasks = { ["t7"] = milk },
        };
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var panel = RenderPanel(backend);
        await SayAsync(panel, "list");

        Assert.Equal(["t7", "t8"], panel.FindAll(".chat-assistant ol .chat-task-link").Select(a => a.GetAttribute("data-task-id")));
        await panel.Find(".chat-done-line .chat-task-link").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Equal("Buy milk", dialogs.Find("#editor-title").GetAttribute("value")));
        dialogs.Find("#editor-title").Input("Buy oat milk");
        await dialogs.Find("#editor-save").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Equal(("t7", "Buy oat milk", "1"), Assert.Single(backend.Saved)));
    }

    [Fact]
    public async Task ALinkToATaskThatIsGoneSaysSo()
    {
        var backend = new FakeChatBackend
        {
            Reply = _ => new ChatResponse("c1", "Added.", [], [new ChatDone("Added “Buy milk”", ["gone"])]),
        };
        var panel = RenderPanel(backend);
        await SayAsync(panel, "add buy milk");

        await panel.Find(".chat-task-link").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal("That task no longer exists.", panel.Find(".chat-error").TextContent.Trim()));
    }

    [Fact]
    public async Task AServerWithoutTheChatApiSaysTheAssistantIsNotAvailable()
    {
        var panel = RenderPanel(new FakeChatBackend { Reply = _ => throw new BackendProblem(404, "Not found", "That item no longer exists.") });

        await SayAsync(panel, "hello");

        Assert.Equal("The assistant is not available on this server yet.", panel.Find(".chat-error").TextContent.Trim());
    }

    [Fact]
    public async Task TheNewestReplyIsScrolledIntoView()
    {
        var panel = RenderPanel(new FakeChatBackend { Reply = request => new ChatResponse("c1", $"You said {request.Message}.", []) });
        var before = JSInterop.Invocations.Count;

        await SayAsync(panel, "what's overdue?");

        panel.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations.Skip(before),
            i => i.Identifier.EndsWith("scrollToBottom", StringComparison.Ordinal) && Equals(i.Arguments[0], "#chat-messages")));
    }

    private IRenderedComponent<ChatPanel> RenderPanel(FakeChatBackend backend) => Render<ChatPanel>(p => p.Add(c => c.Backend, backend));

    private static Conversation Conversation(string id, string said, string answered, DateTimeOffset at, ChatDone? done = null, string? undoToken = null) =>
        new(id, said, at, at, [new ChatMessage("user", said, at), new ChatMessage("assistant", answered, at, [], done is null ? [] : [done], undoToken)]);

    private static async Task SayAsync(IRenderedComponent<ChatPanel> panel, string text)
    {
        panel.Find("#chat-input").Input(text);
        await panel.Find("#chat-input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
    }

    /// <summary>The backend's chat and task calls, kept in memory; records what the panel sent.</summary>
    private sealed class FakeChatBackend : IChatBackend
    {
        private readonly List<Conversation> _conversations = [];

        public Func<ChatRequest, ChatResponse> Reply { get; init; } = request => new ChatResponse(request.ConversationId ?? "c1", "OK.", []);

        public Func<string, string, ChatResponse> UndoReply { get; init; } = (id, _) => new ChatResponse(id, "Undone.", []);

        public Dictionary<string, TaskDto> Tasks { get; } = [];

        public List<ChatRequest> Sent { get; } = [];

        public List<(string Conversation, string Token)> Undone { get; } = [];

        public List<(string Id, string? Title, string? ETag)> Saved { get; } = [];

        public void Add(Conversation conversation) => _conversations.Add(conversation);

        public Task<ChatResponse> SendAsync(ChatRequest request)
        {
            Sent.Add(request);
            return Task.FromResult(Reply(request));
        }

        public Task<ConversationPage> ListConversationsAsync(string? cursor = null) =>
            Task.FromResult(new ConversationPage(
                _conversations.OrderByDescending(c => c.UpdatedAt).Select(c => new ConversationSummary(c.Id, c.Title, c.UpdatedAt, c.Messages.Count)).ToList(),
                null, _conversations.Count));

        public Task<Conversation> GetConversationAsync(string id) =>
            _conversations.FirstOrDefault(c => c.Id == id) is { } found ? Task.FromResult(found) : throw new BackendProblem(404, "Not found", null);

        public Task<ChatResponse> UndoAsync(string conversationId, string undoToken)
        {
            Undone.Add((conversationId, undoToken));
            return Task.FromResult(UndoReply(conversationId, undoToken));
        }

        public Task<TaskDto> GetTaskAsync(string id) =>
            Tasks.TryGetValue(id, out var task) ? Task.FromResult(task) : throw new BackendProblem(404, "Not found", "That item no longer exists.");

        public Task<TaskDto> SaveTaskAsync(string id, CreateTaskRequest request, string? etag)
        {
            Saved.Add((id, request.Title, etag));
            return Task.FromResult(Tasks[id] with { Title = request.Title! });
        }

        public Task<(TimeZoneInfo Zone, IReadOnlyList<string> Tags)> GetEditorContextAsync() =>
            Task.FromResult<(TimeZoneInfo, IReadOnlyList<string>)>((TimeZoneInfo.Utc, ["family"]));
    }
}
