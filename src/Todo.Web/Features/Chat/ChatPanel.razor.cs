using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Features.Chat;

/// <summary>
/// The assistant conversation: the latest one comes back from the backend (which keeps conversations in the Dapr state
/// store) when a circuit starts, older ones open from the list. Replies render as paragraphs and lists, with what they
/// changed in words ("Added “Buy milk” (due tomorrow)"), the tasks as links to the editor, and Undo for the latest
/// change. The task list itself refreshes through the live task events the assistant's changes publish.
/// </summary>
public sealed partial class ChatPanel
{
    private readonly List<ChatMessage> _messages = [];
    private readonly List<ConversationSummary> _conversations = [];
    private IChatBackend? _loadedFor;
    private string? _conversationId;
    private string? _nextCursor;
    private string? _text;
    private string? _error;
    private bool _sending;
    private bool _loading;
    private bool _showConversations;
    private int _opened;
    private int _shown;

    /// <summary>The backend for the signed-in user; null until the circuit knows who that is.</summary>
    [Parameter] public IChatBackend? Backend { get; set; }

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private IScrollManager Scroll { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (Backend is not null && !ReferenceEquals(Backend, _loadedFor))
        {
            _loadedFor = Backend;
            await LoadLatestAsync();
        }
    }

    // Keep the newest message (and the "answering" bar or an error under it) in view, as a chat does.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var shown = _opened * 1000 + _messages.Count * 4 + (_sending ? 1 : 0) + (_error is null ? 0 : 2);
        if (shown != _shown)
        {
            _shown = shown;
            await Scroll.ScrollToBottomAsync("#chat-messages", ScrollBehavior.Smooth);
        }
    }

    /// <summary>After a reload the sidebar continues where the person left off: the newest conversation.</summary>
    private async Task LoadLatestAsync()
    {
        _loading = true;
        await CallAsync(async backend =>
        {
            var page = await backend.ListConversationsAsync();
            ShowList(page, append: false);
            if (page.Items is [var latest, ..] && _conversationId is null && _messages.Count == 0)
            {
                Show(await backend.GetConversationAsync(latest.Id));
            }
        }, notAvailable: null);
        _loading = false;
    }

    private void NewConversation()
    {
        _conversationId = null;
        _messages.Clear();
        _error = null;
        _showConversations = false;
        _opened++;
    }

    private async Task ToggleConversationsAsync()
    {
        _showConversations = !_showConversations;
        if (_showConversations)
        {
            await CallAsync(async backend => ShowList(await backend.ListConversationsAsync(), append: false));
        }
    }

    private Task MoreConversationsAsync() =>
        CallAsync(async backend => ShowList(await backend.ListConversationsAsync(_nextCursor), append: true));

    private async Task OpenConversationAsync(string id)
    {
        _loading = true;
        await CallAsync(async backend =>
        {
            Show(await backend.GetConversationAsync(id));
            _showConversations = false;
        });
        _loading = false;
    }

    private void ShowList(ConversationPage page, bool append)
    {
        if (!append)
        {
            _conversations.Clear();
        }

        _conversations.AddRange(page.Items.Where(i => _conversations.All(c => c.Id != i.Id)));
        _nextCursor = page.NextCursor;
    }

    private void Show(Conversation conversation)
    {
        _conversationId = conversation.Id;
        _messages.Clear();
        _messages.AddRange(conversation.Messages);
        _error = null;
        _opened++;
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
        if (string.IsNullOrEmpty(text) || _sending || Backend is null)
        {
            return;
        }

        _messages.Add(new ChatMessage("user", text, Time.GetUtcNow()));
        _text = null;
        await TurnAsync(backend => backend.SendAsync(new ChatRequest(_conversationId, text)));
    }

    private async Task UndoAsync(ChatMessage message)
    {
        if (_conversationId is not { } id || message.UndoToken is not { } token || _sending)
        {
            return;
        }

        // What the undo route saves on the person's behalf (ChatService.UndoMessage), so the reloaded history matches.
        _messages.Add(new ChatMessage("user", "undo", Time.GetUtcNow()));
        await TurnAsync(backend => backend.UndoAsync(id, token), conflict: () =>
        {
            _messages.RemoveAt(_messages.Count - 1);
            var index = _messages.IndexOf(message);
            if (index >= 0)
            {
                _messages[index] = message with { UndoToken = null };
            }

            return "That change can no longer be undone: only the latest change of a conversation can be undone.";
        });
    }

    private async Task TurnAsync(Func<IChatBackend, Task<ChatResponse>> call, Func<string>? conflict = null)
    {
        _error = null;
        _sending = true;
        try
        {
            var response = await call(Backend!);
            _conversationId = response.ConversationId;
            // Only the newest change can be undone, so older replies lose their button.
            for (var i = 0; i < _messages.Count; i++)
            {
                if (_messages[i].UndoToken is not null)
                {
                    _messages[i] = _messages[i] with { UndoToken = null };
                }
            }

            _messages.Add(new ChatMessage("assistant", response.Reply, Time.GetUtcNow(), response.Actions, response.Done, response.UndoToken));
        }
        catch (BackendProblem problem) when (problem.Status == 409 && conflict is not null)
        {
            _error = conflict();
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            _error = Describe(ex, "The assistant is not available on this server yet.");
        }
        finally
        {
            _sending = false;
        }
    }

    /// <summary>Opens the task editor for a task a reply named; saving there changes the task list through live events.</summary>
    private async Task OpenTaskAsync(string id)
    {
        TaskDto? task = null;
        (TimeZoneInfo Zone, IReadOnlyList<string> Tags) context = (TimeZoneInfo.Utc, []);
        await CallAsync(async backend =>
        {
            var editor = backend.GetEditorContextAsync();
            task = await backend.GetTaskAsync(id);
            context = await editor;
        }, notAvailable: "That task no longer exists.");
        if (task is null || Backend is not { } chosen)
        {
            return;
        }

        var etag = task.ETag;
        var parameters = new DialogParameters<TaskEditorDialog>
        {
            { d => d.Task, task },
            { d => d.Zone, context.Zone },
            { d => d.KnownTags, context.Tags },
            { d => d.Save, request => chosen.SaveTaskAsync(id, request, etag) },
            { d => d.Reload, async taskId => { var fresh = await chosen.GetTaskAsync(taskId); etag = fresh.ETag; return fresh; } },
        };
        // Not awaiting the result: the panel stays usable behind the dialog, and the editor asks before losing edits.
        await Dialogs.ShowAsync<TaskEditorDialog>("Edit task", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = false });
    }

    private async Task CallAsync(Func<IChatBackend, Task> call, string? notAvailable = "That conversation no longer exists.")
    {
        if (Backend is null)
        {
            return;
        }

        try
        {
            await call(Backend);
        }
        catch (BackendProblem problem) when (problem.Status == 404 && notAvailable is null)
        {
            // The history API is missing (an older backend) or the conversation just went: start afresh.
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            _error = Describe(ex, notAvailable!);
        }
    }

    private static string Describe(Exception ex, string notFound) => ex switch
    {
        BackendProblem { Status: 404 or 405 } => notFound,
        BackendProblem problem => problem.Message,
        _ => BackendUnavailableException.Banner,
    };

    /// <summary>The tasks a reply listed (its one list or get call), for linking the items of its numbered list.</summary>
    private static IReadOnlyList<string>? Listed(ChatMessage message) =>
        message.Actions?.Where(a => a.Succeeded && a.Tool is "list_tasks" or "get_task").ToList() is [var only] ? only.TaskIds : null;

    // A deleted task cannot be opened, so a line about deleting one stays text.
    private static bool Links(ChatDone line) => line.TaskIds.Count == 1 && !line.Text.StartsWith("Deleted ", StringComparison.Ordinal);

    internal static (string Before, string? Title, string After) SplitTitle(string text)
    {
        var open = text.IndexOf('“', StringComparison.Ordinal);
        var close = open < 0 ? -1 : text.LastIndexOf('”');
        return close > open + 1 ? (text[..(open + 1)], text[(open + 1)..close], text[close..]) : (text, null, "");
    }

    private string Ago(DateTimeOffset at)
    {
        var age = Time.GetUtcNow() - at;
        return age.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => $"{(int)age.TotalMinutes} min ago",
            < 60 * 24 => $"{(int)age.TotalHours} h ago",
            _ => $"{(int)age.TotalDays} d ago",
        };
    }
}
