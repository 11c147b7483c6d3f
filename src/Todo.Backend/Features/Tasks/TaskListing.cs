using Todo.Backend.Features.Auth;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// A list request over the two parts of a user's tasks (ADR 0010): the open tasks, read whole and sorted as asked, then
/// (status completed or all) the archive of completed tasks, newest completion first, read only as far as the page
/// needs. So the tasks page costs the open tasks, whatever the archive holds, and browsing or searching the archive
/// costs one bounded walk per page, continued by the cursor. A list reads the indexes it is given (ADR 0011): one
/// project's, or every project's; the open tasks of all of them are sorted together, and their archives are walked one
/// after another (newest first within each), the cursor naming the project it stopped in.
/// </summary>
internal sealed class TaskListing(TaskStore store)
{
    /// <summary>How many archived tasks one page of a search reads at most before it hands back a cursor.</summary>
    internal const int ArchiveScanBudget = 1_024;

    /// <param name="started">The read of one of <paramref name="keys"/>' indexes already under way (the Inbox's, read beside the sidebar), or null.</param>
    public async Task<TaskPage> ListAsync(UserContext user, TaskQuery query, IReadOnlyList<TaskIndexKey> keys, DateTimeOffset now, CancellationToken cancellationToken,
        IndexRead? started = null)
    {
        var today = ZonedTime.Today(now, user.TimeZone);
        if (query.Archive is not null || query.Status == TaskStatusFilter.Completed)
        {
            var indexes = await store.ReadIndexesAsync(keys, cancellationToken, started);
            if (query.Status == TaskStatusFilter.Open)
            {
                // A cursor of status=all that already left the open tasks: nothing of them is left to show.
                return new TaskPage([], null, indexes.Sum(i => i.TaskIds.Count), TotalIsLowerBound: query.IsFiltered);
            }

            var unfilteredTotal = indexes.Sum(i => i.ArchivedCount) + (query.Status == TaskStatusFilter.All ? indexes.Sum(i => i.TaskIds.Count) : 0);
            if (query.Archive is not { } cursor)
            {
                return await FromArchiveAsync(user, query, [], keys, indexes, 0, ArchivePosition.Newest(indexes[0]), 0, query.Limit, unfilteredTotal, now, today, cancellationToken);
            }

            // One project's list goes on in its archive whatever the cursor names; a list of all goes on in the named one.
            var slot = keys.Count == 1 ? 0 : IndexOf(keys, cursor.Project);
            if (slot < 0)
            {
                // The project the walk stopped in was deleted since: its tasks were moved or deleted, so the walk is over.
                return new TaskPage([], null, query.IsFiltered ? cursor.MatchedBefore : unfilteredTotal, TotalIsLowerBound: false);
            }

            // A cursor names a page that existed; pages are never removed, but a hand-made one may name any number.
            var from = cursor.Position with { Page = Math.Min(cursor.Position.Page, indexes[slot].ArchivePages - 1) };
            return await FromArchiveAsync(user, query, [], keys, indexes, slot, from, cursor.MatchedBefore, query.Limit, unfilteredTotal, now, today, cancellationToken);
        }

        var (open, openIndexes) = await store.ListOpenAsync(keys, cancellationToken, started);
        var page = query.Apply(open.Select(t => t.ToDto(user.TimeZone)), now, user.TimeZone);
        if (query.Status == TaskStatusFilter.Open)
        {
            return page;
        }

        // status=all: completed tasks follow the open ones.
        var archived = openIndexes.Sum(i => i.ArchivedCount);
        if (page.NextCursor is not null)
        {
            return query.IsFiltered
                ? page with { TotalIsLowerBound = archived > 0 }
                : page with { Total = page.Total + archived };
        }

        return await FromArchiveAsync(user, query, page.Items, keys, openIndexes, 0, ArchivePosition.Newest(openIndexes[0]), page.Total,
            query.Limit - page.Items.Count, page.Total + archived, now, today, cancellationToken);
    }

    private async Task<TaskPage> FromArchiveAsync(UserContext user, TaskQuery query, IReadOnlyList<TaskDto> before,
        IReadOnlyList<TaskIndexKey> keys, IReadOnlyList<TaskIndex> indexes, int slot, ArchivePosition from, int matchedBefore,
        int want, int unfilteredTotal, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var completedQuery = query with { Status = TaskStatusFilter.Completed };
        var items = before.ToList();
        ArchiveCursor? next = null;
        var budget = ArchiveScanBudget;
        for (var s = slot; s < keys.Count; s++)
        {
            var matched = matchedBefore + items.Count - before.Count;
            if ((s == slot ? from : ArchivePosition.Newest(indexes[s])).Normalised() is not { } position)
            {
                continue;
            }

            if (items.Count - before.Count >= want || budget <= 0)
            {
                next = new ArchiveCursor(position, matched, keys[s].ProjectId);
                break;
            }

            var (found, after) = await store.ReadArchiveAsync(keys[s], position,
                task => completedQuery.Matches(task.ToDto(user.TimeZone), now, today), want - (items.Count - before.Count), budget, cancellationToken);
            items.AddRange(found.Select(t => t.ToDto(user.TimeZone)));
            if (after is { } stopped)
            {
                next = new ArchiveCursor(stopped, matchedBefore + items.Count - before.Count, keys[s].ProjectId);
                break;
            }

            // This archive was read to its end: about this many of the page's budget went on it.
            budget -= indexes[s].ArchivedCount;
        }

        var total = matchedBefore + items.Count - before.Count;
        var cursor = next is { } resume ? TaskQuery.ArchiveCursorText(resume) : null;
        return query.IsFiltered
            ? new TaskPage(items, cursor, total, TotalIsLowerBound: cursor is not null)
            : new TaskPage(items, cursor, unfilteredTotal);
    }

    private static int IndexOf(IReadOnlyList<TaskIndexKey> keys, string? project)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].ProjectId == project)
            {
                return i;
            }
        }

        return -1;
    }
}
