using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;

namespace Todo.Web.Features.Tasks;

/// <summary>What a task event did to a tab's list.</summary>
public enum LiveOutcome
{
    /// <summary>The event's task was placed (or removed) without reading the list again.</summary>
    Applied,

    /// <summary>The list already showed this version of the task or a newer one.</summary>
    Ignored,

    /// <summary>The event alone could not say what the list looks like now, so the list was read again.</summary>
    Reloaded,
}

/// <summary>
/// The list one tab shows: the pages loaded so far (in the backend's order), the true total, and the tag counts. A
/// task event from another tab, MCP or chat carries the task after the change, so the list places it itself (in
/// or out of the filter, at its place in the sort) instead of reading everything again for every open tab. Only
/// when the event cannot say enough (no task, an unknown type, a skipped version, or a change to a task beyond the
/// loaded pages) is the list read again, once.
/// </summary>
public sealed class LiveTaskList(BackendClient backend, SignedInUser user, TimeProvider time, LiveTagReads? sharedTags = null)
{
    /// <summary>
    /// How far the web's clock and the backend's (which stamps <see cref="TaskChanged.OccurredAt"/> and
    /// <see cref="TaskDto.UpdatedAt"/>) may disagree, plus the moment between a write and its event.
    /// </summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Rows per page (the backend answers at most 1,000 per call). A page is two tall screens: each shown row costs the
    /// circuit about 6 KB and the first render its time, and scrolling on reads the next page before it is reached
    /// (<see cref="ShowMoreButton"/>). 100 rows alone were half of the 1 MB an idle tab may hold (issue 12 target 11).
    /// </summary>
    public const int PageSize = 50;
    private const int MaxPerCall = 1_000;

    private List<TaskDto> _items = [];
    private string? _nextCursor;
    // Rows inserted (+) or removed (−) among the loaded pages since the last read: the backend's cursor is an offset,
    // so after such changes the next page is read again from the start rather than skipping or repeating rows.
    private int _shift;
    private int _loading;
    private readonly List<(TaskChanged Change, DateTimeOffset Now, TimeZoneInfo Zone)> _duringLoad = [];
    // When the tag counts were last read: a change from before may be counted in them already, one from after is not.
    private (DateTimeOffset Asked, DateTimeOffset Answered) _tagsRead;

    public TaskFilter Filter { get; private set; } = new();

    /// <summary>The rows loaded so far, in the order the backend lists them.</summary>
    public IReadOnlyList<TaskDto> Items => _items;

    /// <summary>How many tasks match in all (a lower bound when <see cref="TotalIsLowerBound"/>).</summary>
    public int Total { get; private set; }

    public bool TotalIsLowerBound { get; private set; }

    /// <summary>True when more matching tasks exist than are loaded.</summary>
    public bool HasMore => _nextCursor is not null;

    public IReadOnlyList<TagCount> Tags { get; private set; } = [];

    /// <summary>True once a read has answered: before that there is no list to place a task in.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Reads the list for <paramref name="filter"/> with at least <paramref name="rows"/> rows (if there are as many), and the tags.</summary>
    public async Task LoadAsync(TaskFilter filter, int rows = PageSize)
    {
        _loading++;
        try
        {
            var asked = time.GetUtcNow();
            var tags = backend.ListTagsAsync(user);
            var (items, page) = await ReadPagesAsync(filter, [], null, rows);
            Tags = await tags;
            _tagsRead = (asked, time.GetUtcNow());
            Filter = filter;
            Set(items, page);
        }
        finally
        {
            _loading--;
        }

        await ReplayAsync();
    }

    /// <summary>Loads the next page (or reads the loaded ones again plus a page, when rows moved since).</summary>
    public async Task LoadMoreAsync()
    {
        if (_nextCursor is null)
        {
            return;
        }

        if (_shift != 0)
        {
            await LoadAsync(Filter, _items.Count + PageSize);
            return;
        }

        _loading++;
        try
        {
            var (items, page) = await ReadPagesAsync(Filter, _items, _nextCursor, _items.Count + PageSize);
            Set(items, page);
        }
        finally
        {
            _loading--;
        }

        await ReplayAsync();
    }

    /// <summary>Places the task an event carries, or reads the list again when the event cannot say enough.</summary>
    public async Task<LiveOutcome> ApplyAsync(TaskChanged change, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (_loading > 0)
        {
            // A read in flight may answer with the list from before this change: apply it again once it is in.
            _duringLoad.Add((change, now, zone));
        }

        var outcome = Place(change, now, zone, replay: false);
        if (outcome == Placement.Reload)
        {
            await LoadAsync(Filter, Math.Max(_items.Count, PageSize));
            return LiveOutcome.Reloaded;
        }

        if (outcome == Placement.NeedsTags)
        {
            await ReadTagsAsync(change);
        }

        return outcome == Placement.Ignored ? LiveOutcome.Ignored : LiveOutcome.Applied;
    }

    /// <summary>
    /// Places a task as the backend answered this tab's own change (<paramref name="type"/> is the event type the
    /// change publishes): the row moves at once, without reading the list again, and the change's own event, when it
    /// arrives, finds this version already shown.
    /// </summary>
    public Task<LiveOutcome> ApplyAnswerAsync(string type, TaskDto task, DateTimeOffset now, TimeZoneInfo zone) =>
        ApplyAsync(new TaskChanged($"answer-{task.Id}-{task.ETag}-{type}", type, user.UserId, task, now), now, zone);

    private async Task ReadTagsAsync(TaskChanged change)
    {
        var read = sharedTags is not null ? await sharedTags.AfterAsync(user, change.EventId) : await ReadOwnTagsAsync();
        Tags = read.Tags;
        _tagsRead = (read.Asked, read.Answered);
    }

    private async Task<TagRead> ReadOwnTagsAsync()
    {
        var asked = time.GetUtcNow();
        var tags = await backend.ListTagsAsync(user);
        return new TagRead(tags, asked, time.GetUtcNow());
    }

    private enum Placement { Applied, Ignored, NeedsTags, Reload }

    private Placement Place(TaskChanged change, DateTimeOffset now, TimeZoneInfo zone, bool replay)
    {
        if (!IsLoaded)
        {
            // The first read is still coming (the event is replayed on its answer) or failed (the next read is fresh).
            return Placement.Ignored;
        }

        if (change.Task is not { Id.Length: > 0 } task || !TaskEventTypes.All.Contains(change.Type))
        {
            return replay ? Placement.Ignored : Placement.Reload;
        }

        if (change.Type == TaskEventTypes.Moved)
        {
            // A new place changes no field (the version stays), so only a list in that project's own order moves.
            return Reorder(change.Order, replay);
        }

        var deleted = TaskEventTypes.IsGone(change.Type);
        var index = _items.FindIndex(t => t.Id == task.Id);
        var shown = index >= 0 ? _items[index] : null;
        if (shown is not null && !deleted && Version(shown) is { } was && Version(task) is { } version)
        {
            if (version <= was)
            {
                return Placement.Ignored;
            }

            // A skipped version means an event was lost or is still coming: the snapshot may be older than the list thinks.
            if (version > was + 1 && !replay)
            {
                return Placement.Reload;
            }
        }

        // Was the task among the matches before? Known when it is shown, when it is new, or when nothing is unloaded.
        bool? matchedBefore = shown is not null ? true
            : change.Type == TaskEventTypes.Created ? false
            : !HasMore && !TotalIsLowerBound ? false
            : null;
        if (matchedBefore is null)
        {
            // It may be on a page not loaded yet: only the backend knows the count now.
            return replay ? Placement.Ignored : Placement.Reload;
        }

        var matchesNow = !deleted && TaskFilterRules.Matches(Filter, task, now, zone);
        if (index >= 0)
        {
            _items.RemoveAt(index);
            _shift--;
        }

        if (matchesNow)
        {
            var at = IsManual ? ManualPlace(task, shown, index) : SortedPlace(task);
            if (at == ManualUnknown)
            {
                // Manual order across projects: where a new task goes depends on the sidebar's order.
                return replay ? Placement.Ignored : Placement.Reload;
            }

            if (at >= 0 || !HasMore)
            {
                // Beyond the last loaded row with more pages to come, it belongs to a later page.
                _items.Insert(at >= 0 ? at : _items.Count, task);
                _shift++;
            }
        }

        Total += (matchesNow ? 1 : 0) - (matchedBefore.Value ? 1 : 0);
        var tags = TagTiming(change, task);
        if (tags == Counted.Already)
        {
            return Placement.Applied;
        }

        if (tags == Counted.Not && (shown is not null || change.Type == TaskEventTypes.Created || ShowsEveryOpenTask))
        {
            // The task before the change is known (or known not to have been open): move the counts by it.
            Tags = TagCounts.Apply(Tags, shown, deleted ? null : task);
            return Placement.Applied;
        }

        return Placement.NeedsTags;
    }

    private const int ManualUnknown = -2;

    /// <summary>True when the list is a project's manual order (ADR 0016), which the tab keeps from the events.</summary>
    public bool IsManual => Filter.Sort == TaskFilterRules.ManualSort;

    private int SortedPlace(TaskDto task)
    {
        var order = TaskFilterRules.Order(Filter);
        return _items.FindIndex(t => order.Compare(task, t) < 0);
    }

    // In manual order an edit keeps the task's place; a new, reopened or moved-in task goes last among the open ones
    // (the backend appends it to the project's index); completed tasks follow, newest completion first, as sorted.
    private int ManualPlace(TaskDto task, TaskDto? shown, int index)
    {
        if (task.Completed)
        {
            return SortedPlace(task);
        }

        if (shown is { Completed: false } && index >= 0)
        {
            return index;
        }

        if (string.IsNullOrWhiteSpace(Filter.Project))
        {
            return ManualUnknown;
        }

        // Last in the index is first when the order is reversed; otherwise just before the completed rows (or at the end).
        return Filter.Order == "desc" ? 0 : _items.FindIndex(t => t.Completed);
    }

    /// <summary>
    /// Moves the open task <paramref name="id"/> before <paramref name="before"/> (null: last among the open ones)
    /// at once, as the drag showed it; returns the rows as they were, for <see cref="Restore"/> when the backend says no.
    /// </summary>
    public IReadOnlyList<TaskDto>? MoveLocally(string id, string? before)
    {
        var from = _items.FindIndex(t => t.Id == id);
        if (from < 0 || _items[from].Completed || before == id)
        {
            return null;
        }

        var was = _items.ToList();
        var task = _items[from];
        _items.RemoveAt(from);
        var at = before is null ? -1 : _items.FindIndex(t => t.Id == before);
        at = at >= 0 ? at : _items.FindIndex(t => t.Completed);
        _items.Insert(at < 0 ? _items.Count : at, task);
        return was;
    }

    /// <summary>
    /// Puts back the order <see cref="MoveLocally"/> answered (a refused or failed move); false when rows came or went
    /// since, so only a read can say what the list is now.
    /// </summary>
    public bool Restore(IReadOnlyList<TaskDto> rows)
    {
        var current = _items.ToDictionary(t => t.Id, StringComparer.Ordinal);
        if (rows.Count != _items.Count || !rows.All(r => current.ContainsKey(r.Id)))
        {
            return false;
        }

        // Newer versions of the rows (events since) are kept; only their order goes back.
        _items = [.. rows.Select(r => current[r.Id])];
        return true;
    }

    /// <summary>Orders the loaded open rows of the event's project as the backend's order says.</summary>
    public bool ApplyOrder(TaskOrder order) => Reorder(order, replay: true) == Placement.Applied;

    private Placement Reorder(TaskOrder? order, bool replay)
    {
        if (!IsManual)
        {
            return Placement.Ignored;
        }

        if (order is null || HasMore || TotalIsLowerBound)
        {
            // No order in the event (a very long project), or rows on pages not loaded: only a read knows the places.
            return replay ? Placement.Ignored : Placement.Reload;
        }

        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < order.TaskIds.Count; i++)
        {
            rank[order.TaskIds[i]] = Filter.Order == "desc" ? -i : i;
        }

        // The rows of that project keep the slots they hold (other projects' rows, completed rows stay put) and take
        // the new order among themselves.
        var slots = _items.Select((t, i) => (t, i)).Where(x => !x.t.Completed && rank.ContainsKey(x.t.Id)).Select(x => x.i).ToList();
        if (slots.Count == 0)
        {
            return Placement.Ignored;
        }

        var ordered = slots.Select(i => _items[i]).OrderBy(t => rank[t.Id]).ToList();
        for (var k = 0; k < slots.Count; k++)
        {
            _items[slots[k]] = ordered[k];
        }

        return Placement.Applied;
    }

    private enum Counted { Already, Not, Unsure }

    // A change is in the last tag read when its event was published before the read was asked, and not when the task
    // was written after the answer (UpdatedAt is stamped before the write; a deletion's snapshot has only the event's
    // time). In between, or closer than the clocks can tell, only a new read knows.
    private Counted TagTiming(TaskChanged change, TaskDto task)
    {
        if (change.OccurredAt < _tagsRead.Asked - ClockMargin)
        {
            return Counted.Already;
        }

        var written = TaskEventTypes.IsGone(change.Type) ? change.OccurredAt : task.UpdatedAt;
        return written > _tagsRead.Answered + ClockMargin ? Counted.Not : Counted.Unsure;
    }

    // Every open task is loaded, so one not shown was not open before the change (and counted for no tag).
    private bool ShowsEveryOpenTask => !HasMore && Filter.Status is null or "all" or "open"
        && Filter.Priority is null && string.IsNullOrWhiteSpace(Filter.Tag) && string.IsNullOrWhiteSpace(Filter.Text) && Filter.Due is null
        && string.IsNullOrWhiteSpace(Filter.Project);

    private async Task ReplayAsync()
    {
        if (_loading > 0 || _duringLoad.Count == 0)
        {
            return;
        }

        var replay = _duringLoad.ToList();
        _duringLoad.Clear();
        foreach (var (change, now, zone) in replay)
        {
            // The fresh read settles what the event alone cannot about rows; the tags it may or may not count yet.
            if (Place(change, now, zone, replay: true) == Placement.NeedsTags)
            {
                await ReadTagsAsync(change);
            }
        }
    }

    private async Task<(List<TaskDto> Items, TaskPage Last)> ReadPagesAsync(TaskFilter filter, IReadOnlyList<TaskDto> before, string? cursor, int rows)
    {
        var items = before.ToList();
        var seen = items.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        TaskPage page;
        do
        {
            var limit = Math.Clamp(rows - items.Count, PageSize, MaxPerCall);
            page = await backend.ListTasksAsync(user, filter with { Limit = limit, Cursor = cursor });
            items.AddRange(page.Items.Where(t => seen.Add(t.Id)));
            cursor = page.NextCursor;
        }
        while (cursor is not null && items.Count < rows);

        return (items, page);
    }

    private void Set(List<TaskDto> items, TaskPage last)
    {
        _items = items;
        _nextCursor = last.NextCursor;
        Total = last.Total;
        TotalIsLowerBound = last.TotalIsLowerBound;
        _shift = 0;
        IsLoaded = true;
    }

    // The ETag is the task's version number (todo-backend's TaskMapper.ETag).
    private static long? Version(TaskDto task) => long.TryParse(task.ETag, out var version) ? version : null;
}
