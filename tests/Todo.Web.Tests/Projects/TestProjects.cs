using Todo.Contracts.Projects;

namespace Todo.Web.Tests.Projects;

/// <summary>The projects the project tests share: the Inbox, two active projects and an archived one.</summary>
internal static class TestProjects
{
    public static readonly ProjectDto Inbox = new(ProjectDto.InboxId, ProjectDto.InboxName, null, false, true, 0, "owner", "1");
    public static readonly ProjectDto Groceries = new("p1", "Groceries", "#299438", false, false, 0, "owner", "1");
    public static readonly ProjectDto Home = new("p2", "Home", null, false, false, 0, "owner", "1");
    public static readonly ProjectDto Old = new("p3", "Old", null, Archived: true, false, 0, "owner", "1");

    public static readonly IReadOnlyList<ProjectDto> All = [Inbox, Groceries, Home, Old];
}
