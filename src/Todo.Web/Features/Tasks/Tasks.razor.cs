using Microsoft.AspNetCore.Components;
using MudBlazor;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;
using Todo.Web.Features.Projects;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// The task list: quick add, find (filters kept in the URL), sections by due date, live refresh when the same user
/// changes something in another tab or through MCP/chat, and undo for complete and delete.
/// </summary>
public sealed partial class Tasks
{
    private LiveTaskList? _list;
    private bool _loaded;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private DateTimeOffset _now;
    private SignedInUser? _user;
    private string? _unreachable;
    private string? _openedTaskId;
    private IDisposable? _liveChanges;
    private string? _loadError;
    private IReadOnlyList<(string Name, string Value)> _ignored = [];
    private readonly HashSet<string> _confirmingDelete = [];

    // What the backend understands; anything else in a link (old or mistyped) is ignored, and the page says so.
    private static readonly string[] Statuses = ["open", "completed", "all"];
    private static readonly string[] DueFilters = ["overdue", "today", "week", "none"];
    private static readonly string[] Sorts = ["due", "priority", "created", "updated", "title"];

    [SupplyParameterFromQuery(Name = FilterBar.QText)] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = FilterBar.QStatus)] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = FilterBar.QPriority)] public string? Priority { get; set; }
    [SupplyParameterFromQuery(Name = FilterBar.QTag)] public string? Tag { get; set; }
    [SupplyParameterFromQuery(Name = FilterBar.QDue)] public string? Due { get; set; }
    [SupplyParameterFromQuery(Name = FilterBar.QSort)] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "open")] public string? Open { get; set; }
    [SupplyParameterFromQuery(Name = "view")] public string? View { get; set; }

    /// <summary>From <c>/projects/{ProjectId}</c>: the project whose tasks are shown (and where new ones go).</summary>
    [Parameter] public string? ProjectId { get; set; }

    [Inject] private BackendClient Backend { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private LiveEventNotifier Live { get; set; } = default!;
    [Inject] private LiveTagReads TagReads { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ProjectDirectory Projects { get; set; } = default!;

    private TaskView _view = TaskView.All;

    // Newest first for dates of change, most important first for priority; due and title read best ascending.
    private TaskFilter BaseFilter
    {
        get
        {
            var sort = Known(Sort, Sorts);
            return new(Q, Known(Status, Statuses), ParsePriority(Priority), Tag, Known(Due, DueFilters), sort,
                sort is "created" or "updated" or "priority" ? "desc" : null);
        }
    }

    // What the backend is asked: the find bar's filters (BaseFilter, what the bar shows) narrowed by the view. A
    // project (and the Inbox) is in its own order unless the bar picks a sort, as in Todoist (ADR 0016).
    private TaskFilter Filter
    {
        get
        {
            var narrowed = _view.Narrow(BaseFilter);
            return _view.Kind == TaskViewKind.Project && narrowed.Sort is null ? narrowed with { Sort = TaskFilterRules.ManualSort } : narrowed;
        }
    }

    private static string? Known(string? value, string[] known) =>
        value?.Trim().ToLowerInvariant() is { Length: > 0 } v && known.Contains(v) ? v : null;

    private static TaskPriority? ParsePriority(string? value) =>
        Enum.TryParse<TaskPriority>(value, true, out var p) && !int.TryParse(value, out _) && Enum.IsDefined(p) ? p : null;

    private IReadOnlyList<(string Name, string Value)> Unrecognised()
    {
        var ignored = new List<(string, string)>();
        void Check(string name, string? value, bool ok)
        {
            if (!string.IsNullOrWhiteSpace(value) && !ok)
            {
                ignored.Add((name, value));
            }
        }

        Check(FilterBar.QStatus, Status, Known(Status, Statuses) is not null);
        Check(FilterBar.QPriority, Priority, ParsePriority(Priority) is not null);
        Check(FilterBar.QDue, Due, Known(Due, DueFilters) is not null);
        Check(FilterBar.QSort, Sort, Known(Sort, Sorts) is not null);
        Check("view", View, TaskView.IsKnown(View));
        return ignored;
    }

    private void RemoveUnrecognised() => Navigation.NavigateTo(
        Navigation.GetUriWithQueryParameters(_ignored.ToDictionary(i => i.Name, object? (_) => null)), replace: true);

    protected override async Task OnParametersSetAsync()
    {
        // Prerendering shows the loading state; the backend is called once the circuit is interactive.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _view = TaskView.From(View, ProjectId, Tag);
        _ignored = Unrecognised();
        if (_user is null)
        {
            _user = await CurrentUser.GetAsync();
            _list = new LiveTaskList(Backend, _user, Time, TagReads);
            _liveChanges = Live.Subscribe(_user.UserId, OnTaskChangedAsync);
            Projects.Changed += OnProjectsChangedAsync;
            // The list's read needs neither the zone nor the projects (they only shape how the rows show), so the
            // first page load asks all three at once.
            await Task.WhenAll(LoadProfileAsync(), Projects.EnsureLoadedAsync(), ReloadAsync());
        }
        else
        {
            await ReloadAsync();
        }
        if (Open is { Length: > 0 } id && id != _openedTaskId)
        {
            _openedTaskId = id;
            // Not awaited: the dialog stays open long after this lifecycle method must return.
            _ = InvokeAsync(() => OpenTaskAsync(id));
        }
    }

    private async Task LoadProfileAsync()
    {
        try
        {
            var profile = await Backend.GetProfileAsync(_user!);
            _zone = DueText.FindZone(profile.TimeZone);
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            // The list below reports the problem; the zone stays UTC until the next load.
        }
    }

    // Reads the list again as far as it was shown (the first page when the filter changed), and the tags.
    private Task ReloadAsync() => ReadAsync(async list =>
    {
        var filter = Filter;
        await list.LoadAsync(filter, filter == list.Filter ? Math.Max(list.Items.Count, LiveTaskList.PageSize) : LiveTaskList.PageSize);
        return true;
    });

    // The backend's answer to this tab's own change moves the row at once (issue 12, target 10: a completion shows
    // ≤ 100 ms after the click); reading the whole list again for it cost a read of every loaded row.
    private Task PlaceAnswerAsync(string type, TaskDto task) =>
        ReadAsync(async list => await list.ApplyAnswerAsync(type, task, Time.GetUtcNow(), _zone) == LiveOutcome.Reloaded);

    private Task ShowMoreAsync() => ReadAsync(async list => { await list.LoadMoreAsync(); return true; });

    // read answers whether the backend was asked: only an answer clears a problem shown earlier.
    private async Task ReadAsync(Func<LiveTaskList, Task<bool>> read)
    {
        if (_list is null)
        {
            return;
        }

        try
        {
            _now = Time.GetUtcNow();
            var asked = await read(_list);
            if (asked)
            {
                _unreachable = null;
                _loadError = null;
            }

            _loaded = _list.IsLoaded;
            if (_loaded)
            {
                // The sidebar counts a later move of a shown task without a read. Only rows the backend answered: a row an
                // event placed is the sidebar's to count from that same event, and learning its new project first would
                // make the move look like no move (a task moved in from another owner's Inbox kept its project at 0).
                if (asked)
                {
                    Projects.Learn(_list.Items);
                }

                await Projects.SetLabelsAsync(_list.Tags);
            }
        }
        catch (BackendUnavailableException)
        {
            _unreachable = BackendUnavailableException.Banner;
        }
        catch (BackendProblem problem) when (!_loaded)
        {
            // Nothing to show yet: say so in place of the list rather than loading forever.
            _loadError = problem.Message;
        }
        catch (BackendProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
        }
    }

    // The event carries the task after the change: the list places it itself and reads again only when it must.
    private Task OnTaskChangedAsync(TaskChanged change) => InvokeAsync(async () =>
    {
        await ReadAsync(async list => await list.ApplyAsync(change, Time.GetUtcNow(), _zone) == LiveOutcome.Reloaded);
        StateHasChanged();
    });

    // The project header (name, colour, count) and the pickers follow renames and counts; other counts and the labels
    // are the sidebar's, and re-rendering a long list for them would cost every event.
    private string? _projectsShown;

    private Task OnProjectsChangedAsync() => InvokeAsync(async () =>
    {
        if (SpannedProjectsChanged())
        {
            await ReloadAsync();
            StateHasChanged();
            return;
        }

        var shown = string.Join('\n', Projects.Projects.Select(p => $"{p.Id}|{p.Name}|{p.Color}|{p.Archived}|{(p.Id == ShownProject?.Id ? p.OpenCount : 0)}"));
        if (shown != _projectsShown)
        {
            _projectsShown = shown;
            StateHasChanged();
        }
    });

    // The projects the user can see, as of the last change: a list across projects (All tasks, Today, Upcoming, a label,
    // Completed) holds their tasks, so a project shared with the user (with tasks) or one they lost reads the list again.
    private HashSet<string>? _projectIds;

    private bool SpannedProjectsChanged()
    {
        var ids = Projects.Projects.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var before = _projectIds;
        _projectIds = ids;
        if (before is null || _list is not { IsLoaded: true } list || _view.Kind == TaskViewKind.Project)
        {
            // The first answer, or a project's own page (the sidebar sends a member who lost it to the Inbox).
            return false;
        }

        var joined = Projects.Projects.Any(p => !before.Contains(p.Id) && (p.OpenCount > 0 || _view.Kind == TaskViewKind.Completed));
        var lost = before.Where(id => !ids.Contains(id)).ToHashSet(StringComparer.Ordinal);
        return joined || (lost.Count > 0 && list.Items.Any(t => lost.Contains(t.ProjectId)));
    }

    private string ViewTitle => ViewHeader.TitleOf(_view, ShownProject, Tag);

    // What an empty view says; null leaves the list's own wording (filters, or no tasks at all).
    private (string Title, string Hint)? EmptyText() => _view.Kind switch
    {
        TaskViewKind.Today => ("Nothing due today.", "Tasks that are overdue or due today show up here."),
        TaskViewKind.Completed => ("No completed tasks.", BaseFilter.IsFiltered ? "Nothing completed matches this search." : "Tasks you complete are kept here; open one again to restore it."),
        TaskViewKind.Project when !BaseFilter.IsFiltered => ("No tasks in this project.", "Add one above: it goes into this project."),
        _ => null,
    };

    /// <summary>The project this page shows, when it shows one.</summary>
    private ProjectDto? ShownProject => _view.Kind == TaskViewKind.Project ? Projects.Find(_view.ProjectId) : null;

    /// <summary>The rows the view shows: for Today and Upcoming the front of the list, up to the view's last day.</summary>
    private IReadOnlyList<TaskDto> Visible => _list is null ? [] : _view.IsWindow ? [.. _list.Items.Where(t => _view.Shows(t, _now, _zone))] : _list.Items;

    // A window view needs more pages only while the last loaded row is still inside it.
    private bool HasMoreToShow => _list is { HasMore: true } list && (!_view.IsWindow || (list.Items.Count > 0 && _view.Shows(list.Items[^1], _now, _zone)));

    private async Task<bool> AddAsync(CreateTaskRequest request)
    {
        // On a project's page a new task goes to that project, unless quick add named another with #Name.
        if (request.ProjectId is null && ShownProject is { } shown)
        {
            request = request with { ProjectId = shown.Id };
        }

        var added = await CallAsync(() => Backend.CreateTaskAsync(_user!, request));
        if (added is not null)
        {
            // The new row is its own confirmation; the toast only needs a glance.
            Snackbar.Add($"Added “{added.Title}”.", Severity.Success, options => options.VisibleStateDuration = 2500);
            await ReloadAsync();
        }

        return added is not null;
    }

    private async Task ToggleAsync(TaskDto task)
    {
        if (task.Completed)
        {
            if (await CallAsync(() => Backend.ReopenTaskAsync(_user!, task.Id)) is { } reopened)
            {
                await PlaceAnswerAsync(TaskEventTypes.Reopened, reopened);
            }

            return;
        }

        // Completing ticks the open steps too (ADR 0013), so ask first.
        if (task.Steps.Count(s => !s.Done) is > 0 and var open && await Dialogs.ShowMessageBoxAsync("Complete the task?",
                $"Complete the task and its {open} open step{(open == 1 ? "" : "s")}?", yesText: "Complete", cancelText: "Cancel") != true)
        {
            return;
        }

        if (await CallAsync(() => Backend.CompleteTaskAsync(_user!, task.Id)) is not { } completed)
        {
            return;
        }

        await PlaceAnswerAsync(TaskEventTypes.Completed, completed);
        Snackbar.Add($"Completed “{task.Title}”.", Severity.Success, options =>
        {
            options.Action = "Undo";
            options.ActionColor = Color.Inherit;
            options.OnClick = async _ =>
            {
                await CallAsync(() => Backend.ReopenTaskAsync(_user!, task.Id));
                await InvokeAsync(async () => { await ReloadAsync(); StateHasChanged(); });
            };
        });
    }

    private async Task DeleteAsync(TaskDto task)
    {
        // A double click asks once: the second click finds the question already open.
        if (!_confirmingDelete.Add(task.Id))
        {
            return;
        }

        try
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync("Delete task?", $"“{task.Title}” will be deleted.", yesText: "Delete", cancelText: "Cancel");
            if (confirmed != true || await CallAsync(async () => { await Backend.DeleteTaskAsync(_user!, task.Id); return task; }) is null)
            {
                return;
            }
        }
        finally
        {
            _confirmingDelete.Remove(task.Id);
        }

        await ReloadAsync();
        Snackbar.Add($"Deleted “{task.Title}”.", Severity.Normal, options =>
        {
            options.Action = "Undo";
            options.ActionColor = Color.Primary;
            options.OnClick = async _ =>
            {
                // Undo re-creates it (a new id): the deleted record is gone from the store.
                await CallAsync(() => Backend.CreateTaskAsync(_user!, new CreateTaskRequest(task.Title, task.Notes, task.Priority, task.Tags,
                    task.Due, task.Reminder, task.Recurrence) { ProjectId = task.ProjectId }));
                await InvokeAsync(async () => { await ReloadAsync(); StateHasChanged(); });
            };
        });
    }

    private async Task OpenTaskAsync(string id)
    {
        var task = await CallAsync(() => Backend.GetTaskAsync(_user!, id));
        if (task is not null)
        {
            await EditAsync(task);
        }
    }

    private async Task EditAsync(TaskDto? task)
    {
        // Reload (after a conflict) hands the editor the stored version; the next save must match its ETag.
        var etag = task?.ETag;
        var parameters = new DialogParameters<TaskEditorDialog>
        {
            { d => d.Task, task },
            { d => d.Zone, _zone },
            { d => d.KnownTags, (_list?.Tags ?? []).Select(t => t.Tag).ToArray() },
            { d => d.Projects, Projects.Projects },
            { d => d.NewTaskProjectId, ShownProject?.Id },
            { d => d.Save, request => task is null ? Backend.CreateTaskAsync(_user!, request) : Backend.ReplaceTaskAsync(_user!, task.Id, request, etag) },
            { d => d.Reload, async id => { var fresh = await Backend.GetTaskAsync(_user!, id); etag = fresh.ETag; return fresh; } },
        };
        // The editor handles Esc itself: a drop-down's Esc closes only the drop-down, and changes are not lost unasked.
        var dialog = await Dialogs.ShowAsync<TaskEditorDialog>(task is null ? "New task" : "Edit task", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = false });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }

    private async Task<T?> CallAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            var value = await call();
            _unreachable = null;
            return value;
        }
        catch (BackendUnavailableException)
        {
            _unreachable = BackendUnavailableException.Banner;
        }
        catch (BackendProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
        }

        return null;
    }

    public void Dispose()
    {
        _drag.Dispose();
        _liveChanges?.Dispose();
        Projects.Changed -= OnProjectsChangedAsync;
    }
}
