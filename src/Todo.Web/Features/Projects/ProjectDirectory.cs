using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;

namespace Todo.Web.Features.Projects;

/// <summary>
/// The signed-in user's projects on this circuit (scoped): what the sidebar, the task page, quick add and the editor
/// share. The open counts move with the task events the circuit already receives (<see cref="ProjectCounts"/>); only
/// when an event cannot say enough (a move of a task this circuit never saw, a project it does not list, a change
/// that may or may not be in the last read) are the projects read again, one small call that the backend answers
/// from the indexes. Reads coalesce: events during a read share the next one. Project events (a project shared with the
/// user, renamed, removed, deleted…) read the projects again, and a project that is gone for the user afterwards is
/// announced through <see cref="Lost"/>, so a tab showing it can leave.
/// </summary>
public sealed class ProjectDirectory(BackendClient backend, CurrentUser currentUser, LiveEventNotifier live, TimeProvider time) : IDisposable
{
    // The last project each task was seen in, so a move can be counted without a read. Bounded: forgetting only costs a read.
    private const int MaxKnownTasks = 10_000;
    private readonly Dictionary<string, string> _projectOf = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _reading = new(1, 1);
    private SignedInUser? _user;
    private IDisposable? _events;
    private IDisposable? _projectEvents;
    private Task? _first;
    private long _requested;
    private long _covered;
    private int _inFlight;
    private (DateTimeOffset Asked, DateTimeOffset Answered) _read;

    /// <summary>The projects in sidebar order, the Inbox first; archived ones included (see <see cref="ProjectDto.Archived"/>).</summary>
    public IReadOnlyList<ProjectDto> Projects { get; private set; } = [];

    /// <summary>The user's labels (tags of open tasks) with counts, for the sidebar's label views (see <see cref="SetLabelsAsync"/>).</summary>
    public IReadOnlyList<TagCount> Labels { get; private set; } = [];

    /// <summary>The last read's failure, shown by the sidebar; null once a read answers.</summary>
    public string? Error { get; private set; }

    /// <summary>Raised after every change of the lists (on a background thread: handlers go through <c>InvokeAsync</c>).</summary>
    public event Func<Task>? Changed;

    /// <summary>
    /// Raised when a project event took a project this circuit listed away from the user (removed, left, deleted): the
    /// project as it was listed, and a sentence for the user saying what happened (on a background thread).
    /// </summary>
    public event Func<ProjectGone, Task>? Lost;

    /// <summary>Projects that take new tasks: not archived.</summary>
    public IEnumerable<ProjectDto> Active => Projects.Where(p => !p.Archived);

    public ProjectDto? Find(string? id) => id is null ? null : Projects.FirstOrDefault(p => p.Id == id);

    /// <summary>Reads the projects on first use and subscribes to the user's task events.</summary>
    public Task EnsureLoadedAsync()
    {
        lock (_gate)
        {
            return _first ??= StartAsync();
        }
    }

    private async Task StartAsync()
    {
        _user = await currentUser.GetAsync();
        _events = live.Subscribe(_user.UserId, OnTaskChangedAsync);
        _projectEvents = live.Subscribe(_user.UserId, OnProjectChangedAsync);
        await Task.WhenAll(RefreshAsync(), ReadLabelsAsync(() => backend.ListTagsAsync(_user)));
    }

    /// <summary>
    /// The tag counts the task page keeps by the events (LiveTaskList), so the sidebar's labels move with them at no
    /// cost; on other pages they stay as last read.
    /// </summary>
    public async Task SetLabelsAsync(IReadOnlyList<TagCount> labels)
    {
        if (!ReferenceEquals(labels, Labels))
        {
            Labels = labels;
            await RaiseAsync();
        }
    }

    /// <summary>Remembers the projects of tasks a list showed, so that moving one of them later is counted without a read.</summary>
    public void Learn(IEnumerable<TaskDto> tasks)
    {
        lock (_gate)
        {
            foreach (var task in tasks)
            {
                Remember(task);
            }
        }
    }

    private void Remember(TaskDto task)
    {
        if (_projectOf.Count >= MaxKnownTasks && !_projectOf.ContainsKey(task.Id))
        {
            _projectOf.Clear();
        }

        _projectOf[task.Id] = task.ProjectId;
    }

    private async Task OnTaskChangedAsync(TaskChanged change)
    {
        if (Place(change))
        {
            await RaiseAsync();
        }
        else
        {
            await RefreshAsync();
        }
    }

    private async Task OnProjectChangedAsync(ProjectChanged change)
    {
        // The event says what changed but not the user's view of it (their role, order, open counts): one read does.
        var listed = Find(change.ProjectId);
        await RefreshAsync();
        if (listed is not null && Error is null && Find(change.ProjectId) is null)
        {
            var gone = new ProjectGone(listed, WhyGone(change, listed, _user!.UserId), ByYou: change.ActorId == _user.UserId);
            foreach (var handler in Lost?.GetInvocationList().Cast<Func<ProjectGone, Task>>() ?? [])
            {
                await handler(gone);
            }
        }
    }

    /// <summary>A project that left the user's sidebar live, why (a sentence for them), and whether they did it themselves.</summary>
    public sealed record ProjectGone(ProjectDto Project, string Why, bool ByYou);

    /// <summary>What the user is told when a project leaves their sidebar because of <paramref name="change"/>.</summary>
    public static string WhyGone(ProjectChanged change, ProjectDto listed, string userId) => change.Type switch
    {
        ProjectEventTypes.Deleted when change.ActorId == userId => $"You deleted “{listed.Name}”.",
        ProjectEventTypes.Deleted => $"“{listed.Name}” was deleted by its owner.",
        ProjectEventTypes.MemberLeft when change.MemberId == userId => $"You left “{listed.Name}”.",
        ProjectEventTypes.MemberRemoved when change.MemberId == userId => $"You were removed from “{listed.Name}”; it is no longer shared with you.",
        _ => $"“{listed.Name}” is no longer shared with you.",
    };

    // True when the event was placed (or was in the last read already); false when only a read can tell.
    private bool Place(TaskChanged change)
    {
        lock (_gate)
        {
            var task = change.Task;
            string? before = null;
            if (task is { Id.Length: > 0 })
            {
                _projectOf.TryGetValue(task.Id, out before);
                if (TaskEventTypes.IsGone(change.Type))
                {
                    _projectOf.Remove(task.Id);
                }
                else
                {
                    Remember(task);
                }
            }

            if (_inFlight > 0 || task is null)
            {
                // A read under way may answer from before this change: the next one (coalesced) counts it.
                return false;
            }

            if (ProjectCounts.Apply(Projects, change, before) is not { } placed)
            {
                return false;
            }

            if (placed.Select(p => p.OpenCount).SequenceEqual(Projects.Select(p => p.OpenCount)))
            {
                // An edit that moves no count (most are) needs neither timing nor a read.
                return true;
            }

            // As the task list does with its tags (LiveTaskList.TagTiming): a change published before the last read was
            // asked is in it; one written after its answer is not; in between only a new read knows.
            var margin = Tasks.LiveTaskList.ClockMargin;
            if (change.OccurredAt < _read.Asked - margin)
            {
                return true;
            }

            var written = TaskEventTypes.IsGone(change.Type) ? change.OccurredAt : task.UpdatedAt;
            if (written <= _read.Answered + margin)
            {
                return false;
            }

            Projects = placed;
            return true;
        }
    }

    /// <summary>Reads the projects again (after a change made here, or an event the counts cannot place).</summary>
    public async Task RefreshAsync()
    {
        var mine = Interlocked.Increment(ref _requested);
        Interlocked.Increment(ref _inFlight);
        try
        {
            await _reading.WaitAsync();
            try
            {
                if (Interlocked.Read(ref _covered) >= mine)
                {
                    // A read that began after this request has answered already.
                    return;
                }

                Interlocked.Exchange(ref _covered, Interlocked.Read(ref _requested));
                try
                {
                    var asked = time.GetUtcNow();
                    var projects = (await backend.ListProjectsAsync(_user ??= await currentUser.GetAsync())).Items;
                    lock (_gate)
                    {
                        Projects = projects;
                        _read = (asked, time.GetUtcNow());
                    }

                    Error = null;
                }
                catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
                {
                    Error = ex.Message;
                }
            }
            finally
            {
                _reading.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        await RaiseAsync();
    }

    private async Task ReadLabelsAsync(Func<Task<IReadOnlyList<TagCount>>> read)
    {
        try
        {
            Labels = await read();
            await RaiseAsync();
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            // The labels keep their last counts; the projects' read reports the backend being away.
        }
    }

    private async Task RaiseAsync()
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await handler();
        }
    }

    /// <summary>
    /// The project a quick-add <c>#tag</c> names: an active project whose name, written as a tag, is that tag
    /// (case-insensitive). The Inbox is never picked this way, so <c>#inbox</c> stays a tag.
    /// </summary>
    public ProjectDto? ForTag(string tag) => ProjectTags.Match(Active, tag);

    public async Task<ProjectDto> CreateAsync(string name, string? color)
    {
        var created = await backend.CreateProjectAsync(await UserAsync(), new CreateProjectRequest(name, color));
        await RefreshAsync();
        return created;
    }

    public async Task UpdateAsync(string id, UpdateProjectRequest request)
    {
        await backend.UpdateProjectAsync(await UserAsync(), id, request);
        await RefreshAsync();
    }

    /// <summary>Deletes a project with its tasks (<paramref name="moveTo"/> null) or after moving them there.</summary>
    public async Task DeleteAsync(string id, string? moveTo)
    {
        await backend.DeleteProjectAsync(await UserAsync(), id, moveTo);
        await RefreshAsync();
    }

    private async Task<SignedInUser> UserAsync() => _user ??= await currentUser.GetAsync();

    public void Dispose()
    {
        _events?.Dispose();
        _projectEvents?.Dispose();
        _reading.Dispose();
    }
}
