using System.Globalization;
using System.Text;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Features.Tasks;

internal enum TaskStatusFilter { Open, Completed, All }

internal enum DueFilter { Overdue, Today, Week, None }

/// <summary>How open tasks are ordered; <see cref="Manual"/> is the project's own order (<see cref="TaskPositions"/>).</summary>
internal enum TaskSort { Due, Priority, Created, Updated, Title, Manual }

/// <summary>
/// A list request: filters that all must hold (tags: every given tag), a sort, and a page. The same query is built
/// from REST query strings and from MCP tool arguments.
/// </summary>
internal sealed record TaskQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;
    public const int MaxText = 200;

    public TaskStatusFilter Status { get; init; } = TaskStatusFilter.Open;

    public IReadOnlyList<TaskPriority> Priorities { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Text { get; init; }

    public DueFilter? Due { get; init; }

    public TaskSort Sort { get; init; } = TaskSort.Due;

    public bool Descending { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public int Offset { get; init; }

    /// <summary>Only the tasks of this project (an id, or <c>inbox</c>); null lists every project (ADR 0011).</summary>
    public string? Project { get; init; }

    /// <summary>Where a list that reached the archive of completed tasks goes on (null: not there yet).</summary>
    public ArchiveCursor? Archive { get; init; }

    /// <summary>True when anything but the status narrows the list (a search of the archive then cannot know its total).</summary>
    public bool IsFiltered => Priorities.Count > 0 || Tags.Count > 0 || Text is not null || Due is not null;

    /// <summary>Builds a query from text values (REST query string or tool arguments), naming every bad value.</summary>
    public static ServiceResult<TaskQuery> Parse(
        string? status, IEnumerable<string?> priorities, IEnumerable<string?> tags, string? text, string? due,
        string? sort, string? order, string? limit, string? cursor, string? project = null)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new TaskQuery();
        if (!string.IsNullOrWhiteSpace(status))
        {
            query = TryEnum<TaskStatusFilter>(status, out var value)
                ? query with { Status = value }
                : Error(errors, "status", "status must be open, completed or all.", query);
        }

        var parsedPriorities = new List<TaskPriority>();
        foreach (var priority in priorities.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (TryEnum<TaskPriority>(priority!, out var value))
            {
                parsedPriorities.Add(value);
            }
            else
            {
                errors["priority"] = ["priority must be none, low, medium or high."];
            }
        }

        var normalisedTags = tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(TaskRules.NormaliseTag).Distinct().ToList();
        if (normalisedTags.Count > TaskRules.MaxTags)
        {
            errors["tag"] = [$"Filter by at most {TaskRules.MaxTags} tags."];
        }

        if (text is { Length: > MaxText })
        {
            errors["q"] = [$"Search text can have at most {MaxText} characters."];
        }

        query = query with { Priorities = parsedPriorities, Tags = normalisedTags, Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim() };
        if (!string.IsNullOrWhiteSpace(due))
        {
            query = TryEnum<DueFilter>(due, out var value)
                ? query with { Due = value }
                : Error(errors, "due", "due must be overdue, today, week or none.", query);
        }

        if (!string.IsNullOrWhiteSpace(sort))
        {
            query = TryEnum<TaskSort>(sort, out var value)
                ? query with { Sort = value }
                : Error(errors, "sort", "sort must be due, priority, created, updated, title or manual.", query);
        }

        if (!string.IsNullOrWhiteSpace(order))
        {
            query = order.Trim().ToLowerInvariant() switch
            {
                "asc" => query with { Descending = false },
                "desc" => query with { Descending = true },
                _ => Error(errors, "order", "order must be asc or desc.", query),
            };
        }

        if (!string.IsNullOrWhiteSpace(limit))
        {
            query = int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxLimit
                ? query with { Limit = value }
                : Error(errors, "limit", $"limit must be a number from 1 to {MaxLimit}.", query);
        }

        if (!string.IsNullOrWhiteSpace(cursor))
        {
            query = Cursor.TryRead(cursor, out var offset, out var archive)
                ? query with { Offset = offset, Archive = archive }
                : Error(errors, "cursor", "cursor is not one this API handed out; start again without it.", query);
        }

        if (!string.IsNullOrWhiteSpace(project))
        {
            query = query with { Project = project.Trim() };
        }

        return errors.Count > 0 ? ServiceError.Invalid(errors) : query;
    }

    /// <summary>Filters, sorts and pages a user's tasks, with "today" and "overdue" in the user's time zone.</summary>
    public TaskPage Apply(IEnumerable<TaskDto> tasks, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = ZonedTime.Today(now, zone);
        var matching = tasks.Where(t => Matches(t, now, today)).ToList();
        var sorted = Order(matching).ToList();
        var page = sorted.Skip(Offset).Take(Limit).ToList();
        var next = Offset + page.Count < sorted.Count ? Cursor.Write(Offset + page.Count) : null;
        return new TaskPage(page, next, sorted.Count);
    }

    /// <summary>The cursor of the next page when it starts in the archive.</summary>
    public static string ArchiveCursorText(ArchiveCursor cursor) => Cursor.Write(cursor);

    /// <summary>Whether a task passes every filter of this query (status included).</summary>
    public bool Matches(TaskDto task, DateTimeOffset now, DateOnly today)
    {
        if ((Status == TaskStatusFilter.Open && task.Completed) || (Status == TaskStatusFilter.Completed && !task.Completed))
        {
            return false;
        }

        if (Priorities.Count > 0 && !Priorities.Contains(task.Priority))
        {
            return false;
        }

        if (Tags.Any(tag => !task.Tags.Contains(tag)))
        {
            return false;
        }

        if (Text is { } text && !Contains(task.Title, text) && !Contains(task.Notes, text) && !task.Tags.Any(t => Contains(t, text)))
        {
            return false;
        }

        return Due switch
        {
            DueFilter.Overdue => !task.Completed && task.DueAt < now,
            DueFilter.Today => task.Due?.Date == today,
            DueFilter.Week => task.Due?.Date >= today && task.Due?.Date <= today.AddDays(6),
            DueFilter.None => task.Due is null,
            _ => true,
        };
    }

    private IEnumerable<TaskDto> Order(List<TaskDto> tasks)
    {
        // The tasks come in index order, project after project in sidebar order: that is the manual order.
        if (Sort == TaskSort.Manual)
        {
            return Descending ? Enumerable.Reverse(tasks) : tasks;
        }

        // Tasks without a due date sort last whichever way; ties fall back to priority, then creation.
        var ordered = Sort switch
        {
            TaskSort.Due => Descending
                ? tasks.OrderBy(t => t.DueAt is null).ThenByDescending(t => t.DueAt)
                : tasks.OrderBy(t => t.DueAt is null).ThenBy(t => t.DueAt),
            TaskSort.Priority => Descending ? tasks.OrderByDescending(t => t.Priority) : tasks.OrderBy(t => t.Priority),
            TaskSort.Created => Descending ? tasks.OrderByDescending(t => t.CreatedAt) : tasks.OrderBy(t => t.CreatedAt),
            TaskSort.Updated => Descending ? tasks.OrderByDescending(t => t.UpdatedAt) : tasks.OrderBy(t => t.UpdatedAt),
            _ => Descending
                ? tasks.OrderByDescending(t => t.Title, StringComparer.CurrentCultureIgnoreCase)
                : tasks.OrderBy(t => t.Title, StringComparer.CurrentCultureIgnoreCase),
        };
        return ordered.ThenByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal);
    }

    private static bool Contains(string? haystack, string needle) =>
        haystack?.Contains(needle, StringComparison.CurrentCultureIgnoreCase) == true;

    private static bool TryEnum<T>(string value, out T result) where T : struct, Enum =>
        Enum.TryParse(value.Trim(), ignoreCase: true, out result) && Enum.IsDefined(result) && !int.TryParse(value, out _);

    private static TaskQuery Error(Dictionary<string, string[]> errors, string field, string message, TaskQuery query)
    {
        errors[field] = [message];
        return query;
    }

    /// <summary>
    /// Opaque paging cursor; clients must not build their own. <c>o:{offset}</c> into the sorted open tasks, or
    /// <c>a:{page}:{remaining}:{matched before}</c> into the archive of completed tasks (ADR 0010), followed by
    /// <c>:{project id}</c> when the walk has reached a project's archive other than the Inbox's (ADR 0011).
    /// </summary>
    private static class Cursor
    {
        public static string Write(int offset) => Encode($"o:{offset}");

        public static string Write(ArchiveCursor archive) =>
            Encode(string.Create(CultureInfo.InvariantCulture, $"a:{archive.Position.Page}:{archive.Position.Remaining}:{archive.MatchedBefore}")
                + (archive.Project is { } project ? ":" + project : ""));

        private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=');

        public static bool TryRead(string cursor, out int offset, out ArchiveCursor? archive)
        {
            offset = 0;
            archive = null;
            try
            {
                var padded = cursor.PadRight(cursor.Length + ((4 - (cursor.Length % 4)) % 4), '=');
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
                if (text.StartsWith("a:", StringComparison.Ordinal))
                {
                    var parts = text[2..].Split(':');
                    if (parts.Length is 3 or 4 && Number(parts[0], out var page) && Number(parts[1], out var remaining) && Number(parts[2], out var matched)
                        && (parts.Length == 3 || Ids.IsValid(parts[3])))
                    {
                        archive = new ArchiveCursor(new ArchivePosition(page, remaining), matched, parts.Length == 4 ? parts[3] : null);
                        return true;
                    }

                    return false;
                }

                return text.StartsWith("o:", StringComparison.Ordinal) && Number(text[2..], out offset);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        private static bool Number(string text, out int value) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>
/// A list's place in the archive, how many tasks matched on the pages before (for the total), and whose archive it is
/// in (a project id; null for the Inbox's).
/// </summary>
internal sealed record ArchiveCursor(ArchivePosition Position, int MatchedBefore, string? Project = null);
