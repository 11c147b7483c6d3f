using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;

namespace Todo.Web.Features.Projects;

/// <summary>
/// The signed-in user's projects on this circuit (scoped): what the sidebar, the task page, quick add and the editor
/// share. The open counts move with the task events the circuit already receives: any task event reads the projects
/// again (one small call that the backend answers from the indexes, no task reads), because an event carries the task
/// after the change only, so the project a moved task came from is not in it.
/// </summary>
public sealed class ProjectDirectory(BackendClient backend, CurrentUser currentUser, LiveEventNotifier live, LiveTagReads tagReads) : IDisposable
{
    private SignedInUser? _user;
    private IDisposable? _events;
    private Task? _first;
    // Reads coalesce: a request waits for a read that began after it; events arriving during one read share the next.
    private readonly SemaphoreSlim _reading = new(1, 1);
    private long _requested;
    private long _covered;
    private readonly Lock _gate = new();

    /// <summary>The projects in sidebar order, the Inbox first; archived ones included (see <see cref="ProjectDto.Archived"/>).</summary>
    public IReadOnlyList<ProjectDto> Projects { get; private set; } = [];

    /// <summary>The user's labels (tags of open tasks) with counts, for the sidebar's label views.</summary>
    public IReadOnlyList<Todo.Contracts.Tasks.TagCount> Labels { get; private set; } = [];

    /// <summary>The last read's failure, shown by the sidebar; null once a read answers.</summary>
    public string? Error { get; private set; }

    /// <summary>Raised after every read (on a background thread: handlers go through <c>InvokeAsync</c>).</summary>
    public event Func<Task>? Changed;

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
        await Task.WhenAll(RefreshAsync(), ReadLabelsAsync(() => backend.ListTagsAsync(_user)));
    }

    // The tag read after an event is shared with the user's other tabs (LiveTagReads), so a sidebar costs no extra read.
    private Task OnTaskChangedAsync(TaskChanged change) =>
        Task.WhenAll(RefreshAsync(), ReadLabelsAsync(async () => (await tagReads.AfterAsync(_user!, change.EventId)).Tags));

    private async Task ReadLabelsAsync(Func<Task<IReadOnlyList<Todo.Contracts.Tasks.TagCount>>> read)
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

    /// <summary>Reads the projects again (after a change made here, or a task event).</summary>
    public async Task RefreshAsync()
    {
        var mine = Interlocked.Increment(ref _requested);
        await _reading.WaitAsync();
        try
        {
            if (_covered >= mine)
            {
                // A read that began after this request has answered already.
                return;
            }

            _covered = Interlocked.Read(ref _requested);
            try
            {
                Projects = (await backend.ListProjectsAsync(_user ??= await currentUser.GetAsync())).Items;
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

        await RaiseAsync();
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
        _reading.Dispose();
    }
}
