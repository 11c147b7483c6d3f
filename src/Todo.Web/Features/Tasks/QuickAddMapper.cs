using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Language;
using Todo.Web.Features.Projects;

namespace Todo.Web.Features.Tasks;

/// <summary>Turns what the quick-add parser understood into the backend's create request.</summary>
public static class QuickAddMapper
{
    /// <summary>
    /// The first <c>#tag</c> that names one of <paramref name="projects"/> (case-insensitive) picks the project and is
    /// not kept as a tag; any other stays a tag, as before projects.
    /// </summary>
    public static CreateTaskRequest ToRequest(QuickAddResult parsed, IEnumerable<ProjectDto>? projects = null)
    {
        var project = ProjectOf(parsed, projects);
        var tags = project is null ? parsed.Tags : [.. parsed.Tags.Where(t => ProjectTags.Match([project], t) is null)];
        return new CreateTaskRequest(
            parsed.Title,
            Priority: (TaskPriority)(int)parsed.Priority,
            Tags: tags.Count > 0 ? tags : null,
            Due: parsed.Due is { } due ? new DueDto(due.Date, due.Time) : null,
            Reminder: parsed.Reminder is { } at ? new ReminderDto(At: at) : null,
            Recurrence: parsed.Recurrence is { } rule ? RecurrenceMapper.ToDto(rule) : null)
        {
            ProjectId = project?.Id,
        };
    }

    /// <summary>The project the text's tags pick, if any.</summary>
    public static ProjectDto? ProjectOf(QuickAddResult parsed, IEnumerable<ProjectDto>? projects)
    {
        var candidates = projects?.Where(p => !p.Archived).ToList() ?? [];
        return candidates.Count == 0 ? null : parsed.Tags.Select(t => ProjectTags.Match(candidates, t)).FirstOrDefault(p => p is not null);
    }
}
