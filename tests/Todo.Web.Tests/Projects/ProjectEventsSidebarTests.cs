using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Web.Features.Projects;
using Todo.Web.Tests.TaskList;

namespace Todo.Web.Tests.Projects;

/// <summary>
/// Project events move an open sidebar live (ADR 0011, step 2): a project shared with the user appears, one they were
/// removed from disappears, and a tab showing it goes to the Inbox saying why. Duplicates are read once.
/// </summary>
public sealed class ProjectEventsSidebarTests : TaskListContext
{
    private static readonly ProjectDto Groceries = TestProjects.Groceries, Home = TestProjects.Home;

    private IRenderedComponent<ProjectsSidebar> OpenSidebar(string at)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(at);
        Backend.OwnProjects = [Groceries];
        var sidebar = Render<ProjectsSidebar>();
        sidebar.WaitForAssertion(() => Assert.Equal("true", sidebar.Find("#projects-sidebar").GetAttribute("data-ready")), TimeSpan.FromSeconds(10));
        return sidebar;
    }

    private static IReadOnlyList<string> Shown(IRenderedComponent<ProjectsSidebar> sidebar) =>
        [.. sidebar.FindAll("#project-list .project-item").Select(i => i.GetAttribute("data-project-name")!)];

    private static ProjectChanged Change(string type, ProjectDto project, long version, string? memberId = null, string actor = "owner") =>
        new($"{project.Id}-v{version}-{type[(type.LastIndexOf('.') + 1)..]}", type, "owner", project.Id, project.Name, DateTimeOffset.UnixEpoch)
        {
            Audience = ["owner", UserId],
            ActorId = actor,
            MemberId = memberId,
            Version = version,
        };

    [Fact]
    public async Task AProjectSharedWithTheUserAppearsAndOneTheyWereRemovedFromLeavesTheTabShowingItForTheInbox()
    {
        var sidebar = OpenSidebar("/projects/p2");
        Assert.Equal(["Groceries"], Shown(sidebar));

        Backend.OwnProjects = [Groceries, Home with { Role = "editor" }];
        await Notifier.PublishAsync(Change(ProjectEventTypes.MemberAdded, Home, 2, UserId));
        sidebar.WaitForAssertion(() => Assert.Equal(["Groceries", "Home"], Shown(sidebar)));

        Backend.OwnProjects = [Groceries];
        var removed = Change(ProjectEventTypes.MemberRemoved, Home, 3, UserId);
        await Notifier.PublishAsync(removed);
        sidebar.WaitForAssertion(() => Assert.Equal(["Groceries"], Shown(sidebar)));
        var navigation = Services.GetRequiredService<NavigationManager>();
        sidebar.WaitForAssertion(() => Assert.EndsWith("/projects/inbox", navigation.Uri, StringComparison.Ordinal));
        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("You were removed from “Home”; it is no longer shared with you.", snackbar.Message);

        // A redelivery of the same event is not read again.
        Backend.ForgetReads();
        Assert.False(await Notifier.PublishAsync(removed));
        Assert.DoesNotContain(Backend.Reads, r => r.StartsWith("api/projects", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProjectDeletedElsewhereLeavesTheSidebarAndOnlyTellsTheUserWhenSomeoneElseDidIt()
    {
        var sidebar = OpenSidebar("/projects/inbox");
        var snackbars = Services.GetRequiredService<ISnackbar>();

        Backend.OwnProjects = [Groceries with { Name = "Food" }];
        await Notifier.PublishAsync(Change(ProjectEventTypes.Updated, Groceries, 2) with { Name = "Food" });
        sidebar.WaitForAssertion(() => Assert.Equal(["Food"], Shown(sidebar)));

        Backend.OwnProjects = [];
        await Notifier.PublishAsync(Change(ProjectEventTypes.Deleted, Groceries with { Name = "Food" }, 4));
        sidebar.WaitForAssertion(() => Assert.Empty(Shown(sidebar)));
        sidebar.WaitForAssertion(() => Assert.Equal("“Food” was deleted by its owner.", Assert.Single(snackbars.ShownSnackbars).Message));
        Assert.EndsWith("/projects/inbox", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatTheUserIsToldNamesWhoMadeTheChange()
    {
        var listed = Home;
        Assert.Equal("You deleted “Home”.", ProjectDirectory.WhyGone(Change(ProjectEventTypes.Deleted, Home, 5, actor: UserId), listed, UserId));
        Assert.Equal("You left “Home”.", ProjectDirectory.WhyGone(Change(ProjectEventTypes.MemberLeft, Home, 5, UserId, UserId), listed, UserId));
        Assert.Equal("“Home” is no longer shared with you.", ProjectDirectory.WhyGone(Change(ProjectEventTypes.Updated, Home, 5), listed, UserId));
    }
}
