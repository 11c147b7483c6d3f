using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Todo.Contracts.Chat;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Chat;

/// <summary>
/// The assistant conversation: messages, replies with the tool calls it made (as chips), and an input. The list itself
/// refreshes through the live task events the assistant's changes publish.
/// </summary>
public sealed partial class ChatPanel
{
    private readonly List<ChatMessage> _messages = [];
    private string? _conversationId;
    private string? _text;
    private string? _error;
    private bool _sending;
    private int _shown;

    /// <summary>Sends one message (the layout wires it to <c>POST /api/chat</c>).</summary>
    [Parameter, EditorRequired] public Func<ChatRequest, Task<ChatResponse>> Send { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private IScrollManager Scroll { get; set; } = default!;

    // Keep the newest message (and the "answering" bar or an error under it) in view, as a chat does.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var shown = _messages.Count * 4 + (_sending ? 1 : 0) + (_error is null ? 0 : 2);
        if (shown != _shown)
        {
            _shown = shown;
            await Scroll.ScrollToBottomAsync("#chat-messages", ScrollBehavior.Smooth);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            await SendAsync();
        }
    }

    private async Task SendAsync()
    {
        var text = _text?.Trim();
        if (string.IsNullOrEmpty(text) || _sending)
        {
            return;
        }

        _messages.Add(new ChatMessage("user", text, Time.GetUtcNow()));
        _text = null;
        _error = null;
        _sending = true;
        try
        {
            var response = await Send(new ChatRequest(_conversationId, text));
            _conversationId = response.ConversationId;
            _messages.Add(new ChatMessage("assistant", response.Reply, Time.GetUtcNow(), response.Actions));
        }
        catch (BackendProblem problem) when (problem.Status is 404 or 405)
        {
            _error = "The assistant is not available on this server yet.";
        }
        catch (BackendProblem problem)
        {
            _error = problem.Message;
        }
        catch (BackendUnavailableException)
        {
            _error = BackendUnavailableException.Banner;
        }
        finally
        {
            _sending = false;
        }
    }
}
