using Todo.Contracts.Projects;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Features.Projects;

/// <summary>How quick add's <c>#Name</c> finds a project: the name written as the backend writes a tag.</summary>
public static class ProjectTags
{
    public static ProjectDto? Match(IEnumerable<ProjectDto> projects, string tag)
    {
        var wanted = TaskFilterRules.NormaliseTag(tag);
        return wanted.Length == 0 ? null : projects.FirstOrDefault(p => !p.IsInbox && TaskFilterRules.NormaliseTag(p.Name) == wanted);
    }
}
