using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// Moving tasks on the tasks page (issue 15, items 3 and 4): a project's rows in their own order, dragged by a handle
/// (<c>wwwroot/js/taskdrag.js</c>) or moved with Alt+ArrowUp/ArrowDown, placed at once and put back with a message
/// when the backend refuses; a row dropped on a project in the sidebar moves there; in Upcoming a row dropped on
/// another day is due that day at the same time of day (a reminder set as minutes before the due time follows it).
/// </summary>
public sealed partial class Tasks
{
    private readonly TaskDragInterop _drag = new();
    private string? _announcement;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>True when the list shows a project's own order, the one a drag or Alt+Arrow changes.</summary>
    private bool IsManualOrder => _view.Kind == TaskViewKind.Project && _list is { IsManual: true };

    // A viewer of a shared project sees its order but may not change it (the backend would refuse): no handles.
    private bool CanReorder => IsManualOrder && ShownProject?.Role != ProjectRoles.Viewer;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            try
            {
                await _drag.RegisterAsync(JS, this);
            }
            catch (JSException)
            {
                // Without the module the list still works; only dragging and Alt+Arrow do not.
            }
        }
    }

    // Says how the list is ordered and what moving a row does, so a drag is never a surprise (or a mystery).
    private string? OrderHint()
    {
        if (!_loaded || _list is null || Visible.Count == 0)
        {
            return null;
        }

        if (_view.Kind == TaskViewKind.Upcoming)
        {
            return "Drag a task by its handle onto another day to reschedule it; the time of day stays.";
        }

        if (_view.Kind != TaskViewKind.Project)
        {
            return null;
        }

        if (IsManualOrder && !CanReorder)
        {
            return "In the project's own order; as a viewer you cannot change it.";
        }

        return IsManualOrder
            ? "Your order: drag a task by its handle to move it."
            : $"Sorted by {SortName(Filter.Sort)}. Clear the sort to put the tasks in your own order.";
    }

    private static string SortName(string? sort) => sort switch
    {
        "priority" => "priority",
        "created" => "date created",
        "updated" => "last change",
        "title" => "title",
        _ => "due date",
    };

    /// <summary>Called by taskdrag.js when a dragged row is dropped on a target.</summary>
    /// <param name="taskId">The row's task.</param>
    /// <param name="kind"><c>before</c> (a place in the list; <paramref name="value"/> the next row, null: last), <c>project</c> or <c>day</c> (yyyy-MM-dd).</param>
    /// <param name="value">The place, project id or day.</param>
    [JSInvokable]
    public Task DropTask(string taskId, string kind, string? value) => InvokeAsync(async () =>
    {
        switch (kind)
        {
            case "before" when CanReorder:
                await PlaceAsync(taskId, value);
                break;
            case "project" when value is { Length: > 0 }:
                await MoveToProjectAsync(taskId, value);
                break;
            case "day" when DateOnly.TryParseExact(value, "yyyy-MM-dd", out var day):
                await RescheduleAsync(taskId, day);
                break;
        }

        StateHasChanged();
    });

    /// <summary>Called by taskdrag.js for Alt+ArrowUp (−1) and Alt+ArrowDown (+1) on a focused row.</summary>
    [JSInvokable]
    public Task MoveByKey(string taskId, int delta) => InvokeAsync(async () =>
    {
        var open = Visible.Where(t => !t.Completed).ToList();
        var from = open.FindIndex(t => t.Id == taskId);
        if (!CanReorder || from < 0 || delta is not (-1 or 1))
        {
            return;
        }

        var to = from + delta;
        if (to < 0 || to >= open.Count)
        {
            _announcement = $"“{open[from].Title}” is already {(to < 0 ? "first" : "last")}.";
            StateHasChanged();
            return;
        }

        // Up: before the row above. Down: before the row after the one below (or last).
        var before = delta < 0 ? open[to].Id : to + 1 < open.Count ? open[to + 1].Id : null;
        await PlaceAsync(taskId, before);
        StateHasChanged();
    });

    private async Task PlaceAsync(string taskId, string? before)
    {
        if (_list is null || _list.Items.FirstOrDefault(t => t.Id == taskId) is not { } task || _list.MoveLocally(taskId, before) is not { } was)
        {
            return;
        }

        Announce(task);
        StateHasChanged();
        string? failure = null;
        try
        {
            var order = await Backend.MoveTaskAsync(_user!, taskId, new MoveTaskRequest(before));
            _unreachable = null;
            // The backend's answer is the whole order: another tab's move made meanwhile shows too.
            _list.ApplyOrder(order);
        }
        catch (BackendUnavailableException)
        {
            failure = "the task service cannot be reached";
        }
        catch (BackendProblem problem)
        {
            failure = problem.Message.TrimEnd('.');
        }

        if (failure is not null)
        {
            if (!_list.Restore(was))
            {
                await ReloadAsync();
            }

            _announcement = $"“{task.Title}” could not be moved; it is back in its place.";
            Snackbar.Add($"“{task.Title}” could not be moved: {failure}. It is back in its place.", Severity.Error);
        }
    }

    private void Announce(TaskDto task)
    {
        var open = Visible.Where(t => !t.Completed).ToList();
        _announcement = $"“{task.Title}” moved to place {open.FindIndex(t => t.Id == task.Id) + 1} of {open.Count}.";
    }

    private async Task MoveToProjectAsync(string taskId, string projectId)
    {
        if (_list?.Items.FirstOrDefault(t => t.Id == taskId) is not { } task || task.ProjectId == projectId)
        {
            return;
        }

        var target = Projects.Find(projectId);
        var name = target is null ? "the project" : target.IsInbox ? "the Inbox" : target.Name;
        // Where it was, for Undo: before the open row that followed it.
        var open = _list.Items.Where(t => !t.Completed).ToList();
        var next = open.SkipWhile(t => t.Id != taskId).Skip(1).FirstOrDefault()?.Id;
        var from = task.ProjectId;
        if (await CallAsync(() => Backend.MoveTaskAsync(_user!, taskId, new MoveTaskRequest { ProjectId = projectId })) is null)
        {
            _announcement = $"“{task.Title}” could not be moved to {name}.";
            return;
        }

        _announcement = $"“{task.Title}” moved to {name}.";
        await ReloadAsync();
        ConfirmWithUndo($"Moved “{task.Title}” to {name}.", () => Backend.MoveTaskAsync(_user!, taskId, new MoveTaskRequest(next) { ProjectId = from }));
    }

    private async Task RescheduleAsync(string taskId, DateOnly day)
    {
        if (_list?.Items.FirstOrDefault(t => t.Id == taskId) is not { Due: { } due } task || due.Date == day)
        {
            return;
        }

        // Only the date changes: the time of day stays, and a reminder kept as minutes before the due time moves with it.
        var moved = await CallAsync(() => Backend.UpdateTaskAsync(_user!, taskId, DuePatch(due with { Date = day }), task.ETag));
        if (moved is null)
        {
            await ReloadAsync();
            return;
        }

        var when = TaskView.DayTitle(day, _now, _zone);
        _announcement = $"“{task.Title}” is now due {when}.";
        await ReloadAsync();
        ConfirmWithUndo($"“{task.Title}” is now due {when}.", () => Backend.UpdateTaskAsync(_user!, taskId, DuePatch(due)));
    }

    // A move is its own confirmation; the toast offers the way back, then shows the list as it is after it.
    private void ConfirmWithUndo<T>(string message, Func<Task<T>> undo) where T : class =>
        Snackbar.Add(message, Severity.Success, options =>
        {
            options.Action = "Undo";
            options.ActionColor = Color.Inherit;
            options.OnClick = async _ =>
            {
                await CallAsync(undo);
                await InvokeAsync(async () => { await ReloadAsync(); StateHasChanged(); });
            };
        });

    private static UpdateTaskRequest DuePatch(DueDto due) => new() { Due = due, Present = new HashSet<string>(["due"]) };
}
