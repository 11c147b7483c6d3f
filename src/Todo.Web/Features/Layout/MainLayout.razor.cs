using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Todo.Contracts.Accounts;
using Todo.Contracts.Events;
using Todo.Web.Features.Reminders;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Chat;
using Todo.Web.Features.Live;

namespace Todo.Web.Features.Layout;

/// <summary>
/// The shell of every page: providers, app bar, dark mode (the system's, the one chosen on this device, or once signed in the one saved with the user's settings), keyboard shortcuts and this circuit's
/// reminders (reminder toasts are shown here so they appear on any page).
/// </summary>
public sealed partial class MainLayout : IAsyncDisposable
{
    // One theme for every circuit, so its style sheet is built once per process (SharedThemeProvider).
    private static readonly MudTheme Palette = new();
    private SharedThemeProvider? _theme;
    private bool _isDarkMode;
    private bool _ready;
    private bool _chatOpen;
    private bool _chatShown;

    private bool ChatOpen
    {
        get => _chatOpen;
        set
        {
            _chatOpen = value;
            _chatShown |= value;
        }
    }

    // The projects drawer starts open; MudBlazor's responsive drawer keeps it closed on small screens until toggled.
    private bool _navOpen = true;
    private IJSObjectReference? _shortcuts;
    private IJSObjectReference? _notifications;
    private IJSObjectReference? _themeStore;
    private bool _systemDark;
    private DotNetObjectReference<MainLayout>? _self;
    private SignedInUser? _user;
    private IDisposable? _reminders;
    private IChatBackend? _chat;

    // Who is signed in decides what the app bar and drawers hold; read here once rather than by an AuthorizeView in each
    // place (six components less in every tab).
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }
    private bool _signedIn;
    private string? _displayName;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private LiveEventNotifier Live { get; set; } = default!;
    [Inject] private BackendClient Backend { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ThemeState ThemeChoice { get; set; } = default!;
    [Inject] private IBrowserViewportService Viewport { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        _signedIn = user?.Identity?.IsAuthenticated == true;
        _displayName = user?.FindFirst(SignedInUser.DisplayNameClaim)?.Value;
    }

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
            _chat = new ChatBackend(Backend, _user);
        }

        // Before sign-in the device's remembered choice (app-bar button) wins over the system setting; after sign-in
        // the user's saved choice does (LoadSavedThemeAsync, below).
        _themeStore = await JS.InvokeAsync<IJSObjectReference>("import", "./js/theme.js");
        if (_theme is not null)
        {
            _systemDark = await _theme.GetSystemDarkModeAsync();
            await _theme.WatchSystemDarkModeAsync(dark => InvokeAsync(() =>
            {
                _systemDark = dark;
                ApplyTheme();
            }));
        }

        ThemeChoice.Changed += OnThemeChangedAsync;
        Navigation.LocationChanged += OnLocationChanged;
        await ThemeChoice.SetAsync(await _themeStore.InvokeAsync<string?>("get"));
        ApplyTheme();

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
        await LoadSavedThemeAsync();
    }

    /// <summary>
    /// The signed-in user's saved light or dark wins over this device's, and is remembered on the device from now on;
    /// a saved "system" ("Same as this device" in Settings) leaves the device's own choice standing.
    /// </summary>
    private async Task LoadSavedThemeAsync()
    {
        if (_user is null)
        {
            return;
        }

        try
        {
            await ThemeChoice.SetAsync(ThemeState.AfterSignIn(ThemeChoice.Choice, (await Backend.GetProfileAsync(_user)).Theme));
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            // The backend is away: the device's choice stands until the next page load.
        }
    }

    private async Task OnThemeChangedAsync(string choice)
    {
        await InvokeAsync(ApplyTheme);
        if (_themeStore is not null)
        {
            await _themeStore.InvokeVoidAsync("set", choice);
        }
    }

    private void ApplyTheme()
    {
        _isDarkMode = ThemeState.IsDark(ThemeChoice.Choice, _systemDark);
        StateHasChanged();
    }

    /// <summary>The app-bar button: on this device, and saved with the user's settings when signed in.</summary>
    private async Task ToggleDarkModeAsync()
    {
        var choice = _isDarkMode ? Themes.Light : Themes.Dark;
        await ThemeChoice.SetAsync(choice);
        if (_user is null)
        {
            return;
        }

        try
        {
            var profile = await Backend.GetProfileAsync(_user);
            await Backend.UpdateProfileAsync(_user, new UpdateProfileRequest(profile.DisplayName, profile.TimeZone, profile.DefaultReminderMinutes, choice));
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            Snackbar.Add($"The theme is changed on this device but could not be saved to your settings: {ex.Message}", Severity.Warning);
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

    // On a phone the projects drawer lies over the list: picking a view or project closes it (beside the list it stays).
    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        if (_navOpen && await Viewport.GetCurrentBreakpointAsync() < Breakpoint.Md)
        {
            _navOpen = false;
            StateHasChanged();
        }
    });

    public async ValueTask DisposeAsync()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _reminders?.Dispose();
        ThemeChoice.Changed -= OnThemeChangedAsync;
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
