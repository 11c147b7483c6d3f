using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Todo.Contracts.Chat;
using Todo.Contracts.Events;
using Todo.Web.Features.Reminders;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;

namespace Todo.Web.Features.Layout;

/// <summary>
/// The shell of every page: providers, app bar, dark mode (the system's, or the one chosen on this device), keyboard shortcuts and this circuit's
/// reminders (reminder toasts are shown here so they appear on any page).
/// </summary>
public sealed partial class MainLayout : IAsyncDisposable
{
    private readonly MudTheme _palette = new();
    private MudThemeProvider? _theme;
    private bool _isDarkMode;
    private bool _ready;
    private bool _chatOpen;
    private IJSObjectReference? _shortcuts;
    private IJSObjectReference? _notifications;
    private IJSObjectReference? _themeStore;
    private bool _themeChosen;
    private DotNetObjectReference<MainLayout>? _self;
    private SignedInUser? _user;
    private IDisposable? _reminders;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private LiveEventNotifier Live { get; set; } = default!;
    [Inject] private BackendClient Backend { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only on the interactive circuit (never during prerendering).
        if (!firstRender)
        {
            return;
        }

        _user = SignedInUser.From((await Authentication.GetAuthenticationStateAsync()).User);
        if (_user is not null)
        {
            _reminders = Live.Subscribe(_user.UserId, OnReminderAsync);
        }

        // A choice made with the app-bar button wins over the system setting, on this device, until changed again.
        _themeStore = await JS.InvokeAsync<IJSObjectReference>("import", "./js/theme.js");
        var chosen = await _themeStore.InvokeAsync<string?>("get");
        _themeChosen = chosen is not null;
        if (_theme is not null)
        {
            _isDarkMode = chosen is null ? await _theme.GetSystemDarkModeAsync() : chosen == "dark";
            await _theme.WatchSystemDarkModeAsync(dark => InvokeAsync(() =>
            {
                if (!_themeChosen)
                {
                    _isDarkMode = dark;
                    StateHasChanged();
                }
            }));
        }

        _self = DotNetObjectReference.Create(this);
        _shortcuts = await JS.InvokeAsync<IJSObjectReference>("import", "./js/shortcuts.js");
        await _shortcuts.InvokeVoidAsync("register", _self);
        if (_user is not null)
        {
            // Background-tab notifications come through the hub, only when the person allowed them (Settings).
            _notifications = await JS.InvokeAsync<IJSObjectReference>("import", "./js/notifications.js");
            await _notifications.InvokeAsync<bool>("start");
        }

        _ready = true;
        StateHasChanged();
    }

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        _themeChosen = true;
        if (_themeStore is not null)
        {
            await _themeStore.InvokeVoidAsync("set", _isDarkMode ? "dark" : "light");
        }
    }

    /// <summary>Called by shortcuts.js for <c>?</c>.</summary>
    private IDialogReference? _shortcutsDialog;

    [JSInvokable]
    public Task ShowShortcuts() => InvokeAsync(async () => _shortcutsDialog = await Dialogs.ShowAsync<ShortcutsDialog>("Keyboard shortcuts"));

    /// <summary>
    /// Esc closes the shortcuts dialog from here rather than through MudBlazor's key interceptor, which attaches a
    /// moment after the dialog renders and so missed an Esc pressed right after "?".
    /// </summary>
    [JSInvokable]
    public Task CloseShortcuts() => InvokeAsync(() =>
    {
        _shortcutsDialog?.Close();
        _shortcutsDialog = null;
    });

    private Task OnReminderAsync(ReminderDue reminder) =>
        InvokeAsync(() => ReminderToast.Show(Snackbar, reminder, new ReminderActions(CompleteAsync, SnoozeAsync, OpenAsync)));

    private Task<ChatResponse> SendChatAsync(ChatRequest request) =>
        _user is null ? throw new BackendProblem(401, "Signed out", "Sign in to use the assistant.") : Backend.ChatAsync(_user, request);

    private Task CompleteAsync(ReminderDue reminder) =>
        CallAsync(user => Backend.CompleteTaskAsync(user, reminder.TaskId), $"Completed “{reminder.Title}”.");

    private Task SnoozeAsync(ReminderDue reminder) =>
        CallAsync(user => Backend.SnoozeTaskAsync(user, reminder.TaskId, 10), $"Snoozed “{reminder.Title}” for 10 minutes.");

    private Task OpenAsync(ReminderDue reminder)
    {
        Navigation.NavigateTo($"/?open={Uri.EscapeDataString(reminder.TaskId)}");
        return Task.CompletedTask;
    }

    private async Task CallAsync(Func<SignedInUser, Task> call, string done)
    {
        if (_user is null)
        {
            return;
        }

        try
        {
            await call(_user);
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reminders?.Dispose();
        try
        {
            if (_shortcuts is not null)
            {
                await _shortcuts.InvokeVoidAsync("unregister");
                await _shortcuts.DisposeAsync();
            }

            if (_notifications is not null)
            {
                await _notifications.DisposeAsync();
            }

            if (_themeStore is not null)
            {
                await _themeStore.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone; nothing to clean up there.
        }

        _self?.Dispose();
    }
}
