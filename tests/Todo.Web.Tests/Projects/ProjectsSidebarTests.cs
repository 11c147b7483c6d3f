using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Web.Features.Projects;
using Todo.Web.Tests.TaskList;

namespace Todo.Web.Tests.Projects;

public sealed class ProjectsSidebarTests : TaskListContext
{
    private static readonly ProjectDto Groceries = TestProjects.Groceries, Home = TestProjects.Home, Old = TestProjects.Old;

    private IRenderedComponent<ProjectsSidebar> OpenSidebar()
    {
        Backend.OwnProjects = [Groceries, Home, Old];
        var sidebar = Render<ProjectsSidebar>();
        sidebar.WaitForAssertion(() => Assert.Equal("true", sidebar.Find("#projects-sidebar").GetAttribute("data-ready")), TimeSpan.FromSeconds(10));
        Later();
        return sidebar;
    }

    private static IReadOnlyList<(string Name, string Count)> Shown(IRenderedComponent<ProjectsSidebar> sidebar) =>
        [.. sidebar.FindAll("#project-list .project-item").Select(i => (i.GetAttribute("data-project-name")!, i.QuerySelector(".project-count")!.TextContent.Trim()))];

    [Fact]
    public void TheSidebarListsTheInboxTheViewsAndTheActiveProjectsWithOpenCountsAndColours()
    {
        Backend.Put(NewTask("Buy milk") with { ProjectId = "p1" });
        Backend.Put(NewTask("Buy bread") with { ProjectId = "p1" });
        Backend.Put(NewTask("Call mom"));
        Backend.Put(NewTask("Done") with { ProjectId = "p2", Completed = true });

        var sidebar = OpenSidebar();

        Assert.Equal([("Groceries", "2"), ("Home", "")], Shown(sidebar));
        Assert.Equal("1", sidebar.Find("#count-inbox").TextContent.Trim());
        Assert.Contains("background:#299438", sidebar.Find("#project-list .project-item[data-project-id=p1] .project-dot").GetAttribute("style"));
        Assert.Equal("/projects/p1", sidebar.Find("#project-list .project-item[data-project-id=p1] a").GetAttribute("href"));
        Assert.Contains("Archived (1)", sidebar.Find("#projects-archived").TextContent);
        Assert.Equal(["nav-inbox", "nav-today", "nav-upcoming", "nav-all", "nav-completed"], sidebar.FindAll("#view-list a").Select(a => a.Id));
    }

    [Fact]
    public async Task CountsFollowTheTaskEventsAndReadTheProjectsOnlyWhenAnEventCannotSayWhereATaskCameFrom()
    {
        var milk = Backend.Put(NewTask("Buy milk") with { ProjectId = "p1" });
        var sidebar = OpenSidebar();
        Backend.ForgetReads();

        // A new task and a move of it (its project is known from the first event): counted without a read.
        var sweep = Backend.Put(NewTask("Sweep") with { ProjectId = "p2", UpdatedAt = Clock.GetUtcNow() });
        await Notifier.PublishAsync(Event(TaskEventTypes.Created, sweep));
        sidebar.WaitForAssertion(() => Assert.Equal([("Groceries", "1"), ("Home", "1")], Shown(sidebar)));
        var moved = Backend.Put(Next(sweep, t => t with { ProjectId = "p1" }));
        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, moved));
        sidebar.WaitForAssertion(() => Assert.Equal([("Groceries", "2"), ("Home", "")], Shown(sidebar)));
        Assert.DoesNotContain(Backend.Reads, r => r.StartsWith("api/projects", StringComparison.Ordinal));

        // A task this circuit never saw moves: only the backend knows where it was, so the projects are read once.
        var away = Backend.Put(Next(milk, t => t with { ProjectId = "p2" }));
        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, away));
        sidebar.WaitForAssertion(() => Assert.Equal([("Groceries", "1"), ("Home", "1")], Shown(sidebar)));
        Assert.Single(Backend.Reads, r => r.StartsWith("api/projects", StringComparison.Ordinal));
    }
}
