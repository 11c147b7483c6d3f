using Todo.Contracts.Tasks;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// The tag list (<c>GET /api/tags</c>: tags of open tasks with their counts, most used first) moved by one task's
/// change, so a tab that knows the task before and after needs no read.
/// </summary>
public static class TagCounts
{
    /// <summary>The counts after <paramref name="before"/> became <paramref name="after"/> (null: did not exist).</summary>
    public static IReadOnlyList<TagCount> Apply(IReadOnlyList<TagCount> tags, TaskDto? before, TaskDto? after)
    {
        var counts = tags.ToDictionary(t => t.Tag, t => t.Count, StringComparer.Ordinal);
        foreach (var tag in OpenTags(before))
        {
            counts[tag] = counts.GetValueOrDefault(tag) - 1;
        }

        foreach (var tag in OpenTags(after))
        {
            counts[tag] = counts.GetValueOrDefault(tag) + 1;
        }

        return [.. counts.Where(c => c.Value > 0)
            .Select(c => new TagCount(c.Key, c.Value))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal)];
    }

    // Only open tasks count; a task lists a tag once.
    private static IEnumerable<string> OpenTags(TaskDto? task) => task is { Completed: false } ? task.Tags.Distinct() : [];
}
