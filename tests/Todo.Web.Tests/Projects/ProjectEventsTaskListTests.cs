using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Web.Tests.TaskList;

namespace Todo.Web.Tests.Projects;

/// <summary>
/// A list across projects (All tasks here) holds the tasks of every project the user can see, so a project shared
/// with the user brings its tasks into an open tab, and one they lose takes its tasks away, without a reload.
/// </summary>
public sealed class ProjectEventsTaskListTests : TaskListContext
{
    private static readonly ProjectDto Home = TestProjects.Home with { Role = "editor" };

    private static ProjectChanged Change(string type, long version) =>
        new($"{Home.Id}-v{version}-{type[(type.LastIndexOf('.') + 1)..]}", type, "owner", Home.Id, Home.Name, DateTimeOffset.UnixEpoch)
        {
            Audience = ["owner", UserId],
            ActorId = "owner",
            MemberId = UserId,
            Version = version,
        };

    [Fact]
    public async Task AProjectSharedWithTheUserBringsItsTasksIntoAnOpenListAndLosingItTakesThemAway()
    {
        Backend.Put(NewTask("Buy milk"));
        var tab = OpenTab();
        Assert.Equal(["Buy milk"], Titles(tab));

        // Alice's project, with a task in it, is shared with the user: no task event tells this tab about that task.
        var paint = Backend.Put(NewTask("Paint the fence") with { ProjectId = Home.Id });
        Backend.OwnProjects = [Home with { OpenCount = 1 }];
        await Notifier.PublishAsync(Change(ProjectEventTypes.MemberAdded, 2));
        tab.WaitForAssertion(() => Assert.Equal(["Buy milk", "Paint the fence"], Titles(tab).Order()));

        Backend.OwnProjects = [];
        Backend.Remove(paint.Id);
        await Notifier.PublishAsync(Change(ProjectEventTypes.MemberRemoved, 3));
        tab.WaitForAssertion(() => Assert.Equal(["Buy milk"], Titles(tab)));
    }

    [Fact]
    public async Task ANewEmptyProjectDoesNotReadTheListAgain()
    {
        Backend.Put(NewTask("Buy milk"));
        var tab = OpenTab();
        Backend.ForgetReads();

        Backend.OwnProjects = [Home];
        await Notifier.PublishAsync(Change(ProjectEventTypes.MemberAdded, 2));
        tab.WaitForAssertion(() => Assert.Contains(Backend.Reads, r => r.StartsWith("api/projects", StringComparison.Ordinal)));
        Assert.Equal(0, Backend.ListReads);
    }
}
