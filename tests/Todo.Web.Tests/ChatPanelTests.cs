using System.Text.Json;
using Microsoft.AspNetCore.Components.Web;
using Todo.Contracts.Chat;
using Todo.Web.Features.Chat;
using Todo.Web.Features.Backend;

namespace Todo.Web.Tests;

public sealed class ChatPanelTests : MudTestContext
{
    [Fact]
    public async Task AReplyShowsWithTheToolsTheAssistantUsedAndContinuesTheSameConversation()
    {
        var sent = new List<ChatRequest>();
        var panel = Render<ChatPanel>(p => p.Add(c => c.Send, request =>
        {
            sent.Add(request);
            return Task.FromResult(new ChatResponse("c1", "Added “Call mom” for tomorrow 17:00.",
                [new ChatAction("add_task", JsonDocument.Parse("{}").RootElement, ["t1"])]));
        }));

        await SayAsync(panel, "remind me to call mom tomorrow at 5pm");
        await SayAsync(panel, "thanks");

        Assert.Equal([new ChatRequest(null, "remind me to call mom tomorrow at 5pm"), new ChatRequest("c1", "thanks")], sent);
        Assert.Equal("Added “Call mom” for tomorrow 17:00.", panel.FindAll(".chat-assistant")[0].TextContent.Split("add_task")[0].Trim());
        Assert.Equal("add_task", panel.FindAll(".chat-action")[0].TextContent.Trim());
    }

    [Fact]
    public async Task AServerWithoutTheChatApiSaysTheAssistantIsNotAvailable()
    {
        var panel = Render<ChatPanel>(p => p.Add(c => c.Send, _ => throw new BackendProblem(404, "Not found", "That item no longer exists.")));

        await SayAsync(panel, "hello");

        Assert.Equal("The assistant is not available on this server yet.", panel.Find(".chat-error").TextContent.Trim());
    }

    [Fact]
    public async Task TheNewestReplyIsScrolledIntoView()
    {
        var panel = Render<ChatPanel>(p => p.Add(c => c.Send, request => Task.FromResult(new ChatResponse("c1", $"You said {request.Message}.", []))));

        await SayAsync(panel, "what's overdue?");

        panel.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations,
            i => i.Identifier.EndsWith("scrollToBottom", StringComparison.Ordinal) && Equals(i.Arguments[0], "#chat-messages")));
    }

    private static async Task SayAsync(IRenderedComponent<ChatPanel> panel, string text)
    {
        panel.Find("#chat-input").Input(text);
        await panel.Find("#chat-input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
    }
}
