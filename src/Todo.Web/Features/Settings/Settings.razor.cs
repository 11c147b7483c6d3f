using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Todo.Contracts.Accounts;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Layout;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Features.Settings;

/// <summary>
/// Profile (display name, time zone, default reminder, theme), MCP access tokens and the account (password, sessions,
/// deletion; the outcome of those form posts comes back in the query string).
/// </summary>
public sealed partial class Settings
{
    private static readonly (int Minutes, string Label)[] Offsets =
        [(0, "At the due time"), (5, "5 minutes before"), (10, "10 minutes before"), (15, "15 minutes before"), (30, "30 minutes before"), (60, "1 hour before"), (1440, "1 day before")];

    private SignedInUser? _user;
    private UserProfile? _profile;
    private string? _displayName;
    private string? _timeZone;
    private string? _browserZone;
    private int? _defaultReminder;
    private string _theme = Themes.System;
    private BackendProblem? _problem;
    private string? _unreachable;
    private string? _tokenName;
    private CreatedAccessToken? _created;
    private IReadOnlyList<AccessTokenInfo> _tokens = [];
    private string? _notificationPermission;

    [SupplyParameterFromQuery] public string? Notice { get; set; }

    [SupplyParameterFromQuery] public string? PasswordError { get; set; }

    [SupplyParameterFromQuery] public string? SessionsError { get; set; }

    [SupplyParameterFromQuery] public string? DeleteError { get; set; }

    [Inject] private BackendClient Backend { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ThemeState Theme { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _user = await CurrentUser.GetAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _user ??= await CurrentUser.GetAsync();
        await using (var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/notifications.js"))
        {
            _browserZone = await module.InvokeAsync<string?>("timeZone");
            _notificationPermission = await module.InvokeAsync<string?>("permission");
        }

        await RunAsync(async () =>
        {
            _profile = await Backend.GetProfileAsync(_user);
            _displayName = _profile.DisplayName;
            _timeZone = _profile.TimeZone;
            _defaultReminder = _profile.DefaultReminderMinutes;
            _theme = _profile.Theme;
            _tokens = await Backend.ListAccessTokensAsync(_user);
        });
        StateHasChanged();
    }

    private Task SaveProfileAsync() => RunAsync(async () =>
    {
        _problem = null;
        try
        {
            _profile = await Backend.UpdateProfileAsync(_user!, new UpdateProfileRequest(_displayName, _timeZone, _defaultReminder, _theme));
            await Theme.SetAsync(_profile.Theme);
            Snackbar.Add("Settings saved.", Severity.Success);
        }
        catch (BackendProblem problem)
        {
            _problem = problem;
            throw;
        }
    });

    // A theme is seen at once and kept at once, as people expect of an appearance switch: no Save, and the profile's
    // unsaved edits above are not sent with it (the saved values are).
    private async Task ChooseThemeAsync(string theme)
    {
        _theme = theme;
        await Theme.SetAsync(theme);
        await RunAsync(async () =>
        {
            var saved = _profile!;
            _profile = await Backend.UpdateProfileAsync(_user!, new UpdateProfileRequest(saved.DisplayName, saved.TimeZone, saved.DefaultReminderMinutes, theme));
            Snackbar.Add("Theme saved.", Severity.Success);
        });
    }

    private Task CreateTokenAsync() => RunAsync(async () =>
    {
        _created = await Backend.CreateAccessTokenAsync(_user!, _tokenName!.Trim());
        _tokenName = null;
        _tokens = await Backend.ListAccessTokensAsync(_user!);
    });

    private Task RevokeAsync(AccessTokenInfo token) => RunAsync(async () =>
    {
        await Backend.RevokeAccessTokenAsync(_user!, token.Id);
        Snackbar.Add($"Revoked “{token.Name}”.", Severity.Info);
        _tokens = await Backend.ListAccessTokensAsync(_user!);
    });

    private async Task EnableNotificationsAsync()
    {
        await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/notifications.js");
        _notificationPermission = await module.InvokeAsync<string?>("requestPermission");
    }

    private async Task CopyAsync(string text)
    {
        await JS.InvokeVoidAsync("navigator.clipboard.writeText", text);
        Snackbar.Add("Copied.", Severity.Info);
    }

    private Task<IEnumerable<string>> SearchZonesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.Id)
            .Where(id => string.IsNullOrWhiteSpace(text) || id.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Take(20));

    private string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, DueText.FindZone(_profile?.TimeZone)).ToString("d MMM yyyy HH:mm");

    /// <summary>Ready to paste into an MCP client's configuration (the local stack serves /mcp on port 5280).</summary>
    private static string McpConfig(string token) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["mcpServers"] = new Dictionary<string, object>
        {
            ["todo"] = new Dictionary<string, object>
            {
                ["type"] = "http",
                ["url"] = "http://127.0.0.1:5280/mcp",
                ["headers"] = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            },
        },
    }, new JsonSerializerOptions { WriteIndented = true });

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
            _unreachable = null;
        }
        catch (BackendUnavailableException)
        {
            _unreachable = BackendUnavailableException.Banner;
        }
        catch (BackendProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
        }
    }
}
