using System.Text;
using Todo.Contracts.Tasks;
using Todo.Language;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// Which tasks a <see cref="TaskFilter"/> lets through and in which order, as <c>GET /api/tasks</c> answers it, so a
/// tab can place a task that changed elsewhere without asking the backend again. Keep in step with the backend's
/// <c>TaskQuery.Matches</c>/<c>Order</c> and <c>TaskListing</c> (status=all: open tasks first, sorted as asked, then
/// completed ones, newest completion first); the tests of <c>LiveTaskList</c> compare both on the same tasks.
/// </summary>
public static class TaskFilterRules
{
    /// <summary>
    /// The project's own order (<c>sort=manual</c>, ADR 0016): no field says it, so <see cref="LiveTaskList"/> keeps it
    /// from the rows' places and the move events, and <see cref="Order"/> sorts only the completed rows for it.
    /// </summary>
    public const string ManualSort = "manual";

    /// <summary>Whether <paramref name="task"/> passes every filter (status included), "today" in the user's zone.</summary>
    public static bool Matches(TaskFilter filter, TaskDto task, DateTimeOffset now, TimeZoneInfo zone)
    {
        // TaskFilter sends no status as status=all.
        var status = filter.Status ?? "all";
        if ((status == "open" && task.Completed) || (status == "completed" && !task.Completed))
        {
            return false;
        }

        // A task moved out of the shown project leaves its list, one moved in joins it.
        if (!string.IsNullOrWhiteSpace(filter.Project) && !string.Equals(task.ProjectId, filter.Project.Trim(), StringComparison.Ordinal))
        {
            return false;
        }

        if (filter.Priority is { } priority && task.Priority != priority)
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(filter.Tag) && !task.Tags.Contains(NormaliseTag(filter.Tag)))
        {
            return false;
        }

        if (filter.Text?.Trim() is { Length: > 0 } text && !Contains(task.Title, text) && !Contains(task.Notes, text)
            && !task.Tags.Any(t => Contains(t, text)))
        {
            return false;
        }

        var today = ZonedTime.Today(now, zone);
        return filter.Due switch
        {
            "overdue" => !task.Completed && task.DueAt < now,
            "today" => task.Due?.Date == today,
            "week" => task.Due?.Date >= today && task.Due?.Date <= today.AddDays(6),
            "none" => task.Due is null,
            _ => true,
        };
    }

    /// <summary>The order of the list the backend pages through for <paramref name="filter"/>.</summary>
    public static IComparer<TaskDto> Order(TaskFilter filter) => Comparer<TaskDto>.Create((a, b) =>
    {
        // Completed tasks come from the archive after the open ones, newest completion first, whatever the sort.
        if (a.Completed != b.Completed)
        {
            return a.Completed ? 1 : -1;
        }

        if (a.Completed)
        {
            var byCompletion = Nullable.Compare(b.CompletedAt, a.CompletedAt);
            return byCompletion != 0 ? byCompletion : string.CompareOrdinal(a.Id, b.Id);
        }

        var descending = filter.Order == "desc";
        var first = filter.Sort switch
        {
            "priority" => a.Priority.CompareTo(b.Priority),
            "created" => a.CreatedAt.CompareTo(b.CreatedAt),
            "updated" => a.UpdatedAt.CompareTo(b.UpdatedAt),
            "title" => StringComparer.CurrentCultureIgnoreCase.Compare(a.Title, b.Title),
            // Tasks without a due date sort last whichever way.
            _ => a.DueAt is null != b.DueAt is null ? (a.DueAt is null ? 1 : -1) : Nullable.Compare(a.DueAt, b.DueAt),
        };
        if (first != 0)
        {
            // "No due date last" holds both ways, so only the comparison of two dates flips.
            return descending && !(filter.Sort is null or "due" && a.DueAt is null != b.DueAt is null) ? -first : first;
        }

        // Ties: most important first, then oldest, then by id (stable across pages).
        var tie = b.Priority.CompareTo(a.Priority);
        tie = tie != 0 ? tie : a.CreatedAt.CompareTo(b.CreatedAt);
        return tie != 0 ? tie : string.CompareOrdinal(a.Id, b.Id);
    });

    /// <summary>How the backend stores a tag (trimmed, no '#', lower case, spaces as hyphens).</summary>
    public static string NormaliseTag(string raw)
    {
        var tag = raw.Trim().TrimStart('#').Trim().ToLowerInvariant().Normalize(NormalizationForm.FormC);
        return string.Join('-', tag.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool Contains(string? haystack, string needle) =>
        haystack?.Contains(needle, StringComparison.CurrentCultureIgnoreCase) == true;
}
