using Todo.Backend.Features.Auth;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// A list request over the two parts of a user's tasks (ADR 0010): the open tasks, read whole and sorted as asked, then
/// (status completed or all) the archive of completed tasks, newest completion first, read only as far as the page
/// needs. So the tasks page costs the open tasks, whatever the archive holds, and browsing or searching the archive
/// costs one bounded walk per page, continued by the cursor.
/// </summary>
internal sealed class TaskListing(TaskStore store)
{
    /// <summary>How many archived tasks one page of a search reads at most before it hands back a cursor.</summary>
    internal const int ArchiveScanBudget = 1_024;

    public async Task<TaskPage> ListAsync(UserContext user, TaskQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = ZonedTime.Today(now, user.TimeZone);
        if (query.Archive is not null || query.Status == TaskStatusFilter.Completed)
        {
            var index = await store.ReadIndexAsync(user.UserId, cancellationToken);
            if (query.Status == TaskStatusFilter.Open)
            {
                // A cursor of status=all that already left the open tasks: nothing of them is left to show.
                return new TaskPage([], null, index.TaskIds.Count, TotalIsLowerBound: query.IsFiltered);
            }

            // A cursor names a page that existed; pages are never removed, but a hand-made one may name any number.
            var from = query.Archive is { } cursor
                ? cursor with { Position = cursor.Position with { Page = Math.Min(cursor.Position.Page, index.ArchivePages - 1) } }
                : new ArchiveCursor(ArchivePosition.Newest(index), 0);
            var unfilteredTotal = index.ArchivedCount + (query.Status == TaskStatusFilter.All ? index.TaskIds.Count : 0);
            return await FromArchiveAsync(user, query, [], from, query.Limit, unfilteredTotal, now, today, cancellationToken);
        }

        var (open, openIndex) = await store.ListOpenAsync(user.UserId, cancellationToken);
        var page = query.Apply(open.Select(t => t.ToDto(user.TimeZone)), now, user.TimeZone);
        if (query.Status == TaskStatusFilter.Open)
        {
            return page;
        }

        // status=all: completed tasks follow the open ones.
        if (page.NextCursor is not null)
        {
            return query.IsFiltered
                ? page with { TotalIsLowerBound = openIndex.ArchivedCount > 0 }
                : page with { Total = page.Total + openIndex.ArchivedCount };
        }

        var start = new ArchiveCursor(ArchivePosition.Newest(openIndex), page.Total);
        return await FromArchiveAsync(user, query, page.Items, start, query.Limit - page.Items.Count,
            page.Total + openIndex.ArchivedCount, now, today, cancellationToken);
    }

    private async Task<TaskPage> FromArchiveAsync(UserContext user, TaskQuery query, IReadOnlyList<TaskDto> before, ArchiveCursor from,
        int want, int unfilteredTotal, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var completedQuery = query with { Status = TaskStatusFilter.Completed };
        var items = before.ToList();
        ArchivePosition? next = from.Position.Normalised();
        if (want > 0)
        {
            var (found, after) = await store.ReadArchiveAsync(user.UserId, from.Position,
                task => completedQuery.Matches(task.ToDto(user.TimeZone), now, today), want, ArchiveScanBudget, cancellationToken);
            items.AddRange(found.Select(t => t.ToDto(user.TimeZone)));
            next = after;
        }

        var matched = from.MatchedBefore + items.Count - before.Count;
        var cursor = next is { } position ? TaskQuery.ArchiveCursorText(new ArchiveCursor(position, matched)) : null;
        return query.IsFiltered
            ? new TaskPage(items, cursor, matched, TotalIsLowerBound: cursor is not null)
            : new TaskPage(items, cursor, unfilteredTotal);
    }
}
