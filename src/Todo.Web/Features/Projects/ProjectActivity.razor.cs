using Microsoft.AspNetCore.Components;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Features.Projects;

/// <summary>
/// A project's activity page (reached from its header): the backend's record of who did what (the last 200 changes,
/// newest first), shown a page at a time; task events of the project add their entry at once, so the page moves live
/// as the list does. Leaving the project (removed, deleted) is handled by the sidebar, which sends the tab to the Inbox.
/// </summary>
public sealed partial class ProjectActivity : IDisposable
{
    /// <summary>Entries shown at first and added by each "Show more".</summary>
    public const int PageSize = 50;

    private readonly Lock _gate = new();
    private List<ActivityEntryDto> _entries = [];
    private Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private IDisposable? _events;
    private SignedInUser? _user;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private DateTimeOffset _now;
    private int _shown = PageSize;
    private bool _loaded;
    private string? _problem;
    private string? _readFor;

    [Parameter] public string ProjectId { get; set; } = "";

    [Inject] private BackendClient Backend { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private ProjectDirectory Directory { get; set; } = default!;
    [Inject] private LiveEventNotifier Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private ProjectDto? Project => Directory.Find(ProjectId);

    private string ProjectHref => $"/projects/{Uri.EscapeDataString(ProjectId)}";

    private IEnumerable<ActivityEntryDto> Shown
    {
        get
        {
            lock (_gate)
            {
                return _entries.Take(_shown).ToList();
            }
        }
    }

    private static string IconOf(string action) => action switch
    {
        "created" => MudBlazor.Icons.Material.Filled.AddCircleOutline,
        "completed" => MudBlazor.Icons.Material.Filled.CheckCircle,
        "reopened" => MudBlazor.Icons.Material.Filled.Replay,
        "deleted" => MudBlazor.Icons.Material.Filled.DeleteOutline,
        "shared" => MudBlazor.Icons.Material.Filled.PersonAdd,
        "removed" => MudBlazor.Icons.Material.Filled.PersonRemove,
        "left" => MudBlazor.Icons.Material.Filled.Logout,
        _ => MudBlazor.Icons.Material.Filled.Edit,
    };

    protected override void OnInitialized()
    {
        _now = Time.GetUtcNow();
        Directory.Changed += OnDirectoryChangedAsync;
    }

    protected override async Task OnParametersSetAsync()
    {
        // A new project in the same page instance (a link from one activity to another) starts again, from nothing.
        if (_user is not null && _readFor != ProjectId)
        {
            lock (_gate)
            {
                _entries = [];
            }

            _shown = PageSize;
            _loaded = false;
            await ReadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only on the interactive circuit: the backend is read once, not during prerendering as well.
        if (!firstRender)
        {
            return;
        }

        _user = await CurrentUser.GetAsync();
        _events = Live.Subscribe(_user.UserId, OnTaskChangedAsync);
        await Directory.EnsureLoadedAsync();
        try
        {
            _zone = DueText.FindZone((await Backend.GetProfileAsync(_user)).TimeZone);
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            // Times then show in UTC; the read below reports the backend being away.
        }

        await ReadAsync();
    }

    private async Task ReadAsync()
    {
        var user = _user ??= await CurrentUser.GetAsync();
        _readFor = ProjectId;
        try
        {
            var activity = await Backend.ListProjectActivityAsync(user, ProjectId);
            var members = await Backend.ListProjectMembersAsync(user, ProjectId);
            lock (_gate)
            {
                // Entries pushed live while reading stay, once each.
                var live = _entries.Where(e => activity.Items.All(a => a.EventId != e.EventId));
                _entries = [.. activity.Items.Concat(live).OrderByDescending(e => e.At)];
                _names = members.Items.ToDictionary(m => m.UserId, m => m.Username, StringComparer.Ordinal);
            }

            _problem = null;
        }
        catch (BackendProblem problem) when (problem.Status == 404)
        {
            _problem = "This project does not exist, or it is not shared with you (any more).";
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            _problem = ex.Message;
        }

        _loaded = true;
        _now = Time.GetUtcNow();
        StateHasChanged();
    }

    private Task OnTaskChangedAsync(TaskChanged change)
    {
        ActivityEntryDto? entry;
        lock (_gate)
        {
            entry = ActivityText.FromEvent(change, ProjectId, id => _names.GetValueOrDefault(id, ""));
            if (entry is null || _entries.Any(e => e.EventId == entry.EventId))
            {
                return Task.CompletedTask;
            }

            _entries.Insert(0, entry);
        }

        return InvokeAsync(() =>
        {
            _now = Time.GetUtcNow();
            StateHasChanged();
        });
    }

    private Task OnDirectoryChangedAsync() => InvokeAsync(StateHasChanged);

    private void ShowMore() => _shown += PageSize;

    public void Dispose()
    {
        Directory.Changed -= OnDirectoryChangedAsync;
        _events?.Dispose();
    }
}
