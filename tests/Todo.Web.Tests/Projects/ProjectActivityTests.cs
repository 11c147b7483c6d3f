using Microsoft.Extensions.DependencyInjection;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Web.Features.Projects;
using Todo.Web.Tests.TaskList;

namespace Todo.Web.Tests.Projects;

/// <summary>
/// The activity page (issue 15 item 7): who did what, newest first, a page at a time, in the user's time zone, and an
/// entry added at once by each task event of the project (once, whatever the redeliveries).
/// </summary>
public sealed class ProjectActivityTests : TaskListContext
{
    private IRenderedComponent<ProjectActivity> Open(string projectId)
    {
        Backend.OwnProjects = [TestProjects.Groceries, TestProjects.Home];
        Backend.Members = [new ProjectMemberDto("owner", "olga", ProjectRoles.Owner), new ProjectMemberDto(UserId, "ann", ProjectRoles.Editor)];
        var page = Render<ProjectActivity>(p => p.Add(a => a.ProjectId, projectId));
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("#activity").GetAttribute("data-ready")), TimeSpan.FromSeconds(10));
        return page;
    }

    private static IReadOnlyList<string> Lines(IRenderedComponent<ProjectActivity> page) =>
        [.. page.FindAll("#activity-list .activity-what").Select(e => string.Join(' ', e.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)))];

    [Fact]
    public void TheActivityShowsWhoDidWhatNewestFirstAPageAtATime()
    {
        var now = Clock.GetUtcNow();
        Backend.Activity["p1"] =
        [
            .. Enumerable.Range(0, 60).Select(i => new ActivityEntryDto($"e{i}", now.AddMinutes(-5 - i), "owner", "olga", i == 0 ? "completed" : "created", $"t{i}", $"task {i}")),
        ];

        var page = Open("p1");

        Assert.Equal("Groceries · Activity", page.Find("#activity-title").TextContent.Trim());
        Assert.Equal(ProjectActivity.PageSize, Lines(page).Count);
        Assert.Equal("olga completed “task 0”", Lines(page)[0]);
        Assert.Equal("olga added “task 1”", Lines(page)[1]);
        Assert.Equal("5 min ago", page.Find("#activity-list .activity-when").TextContent.Trim());
        // bUnit's Click does not wait for the render it causes, and the page may still be finishing its first read on the
        // renderer's thread (a CI run saw 50 rows right after the click), so the next page is awaited, not assumed.
        page.Find("#activity-more").Click();
        page.WaitForAssertion(() => Assert.Equal(60, Lines(page).Count), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("#activity-more"));
    }

    [Fact]
    public async Task ATaskEventOfTheProjectAddsItsEntryAtOnceAndOnlyOnce()
    {
        Backend.Activity["p1"] = [];
        var page = Open("p1");
        Assert.NotNull(page.Find("#activity-empty"));

        var soap = NewTask("buy soap") with { ProjectId = "p1" };
        var added = Event(TaskEventTypes.Created, soap) with { ActorId = "owner", UserId = "owner", Audience = ["owner", UserId] };
        await Notifier.PublishAsync(added);
        await Notifier.PublishAsync(added with { EventId = added.EventId });
        await Notifier.PublishAsync(Event(TaskEventTypes.Created, NewTask("elsewhere") with { ProjectId = "p2" }));
        page.WaitForAssertion(() => Assert.Equal(["olga added “buy soap”"], Lines(page)));

        var done = Event(TaskEventTypes.Completed, Next(soap, t => t with { Completed = true }));
        await Notifier.PublishAsync(done);
        page.WaitForAssertion(() => Assert.Equal(["ann completed “buy soap”", "olga added “buy soap”"], Lines(page)));
        Assert.Empty(page.FindAll("#activity-empty"));
    }

    [Fact]
    public async Task AnotherProjectInTheSamePageStartsFromItsOwnActivity()
    {
        var now = Clock.GetUtcNow();
        Backend.Activity["p1"] = [new ActivityEntryDto("e1", now, "owner", "olga", "created", "t1", "in groceries")];
        Backend.Activity["p2"] = [new ActivityEntryDto("e2", now, "owner", "olga", "created", "t2", "at home")];
        var page = Open("p1");
        var live = Event(TaskEventTypes.Created, NewTask("also in groceries") with { ProjectId = "p1" });
        await Notifier.PublishAsync(live);
        page.WaitForAssertion(() => Assert.Equal(["ann added “also in groceries”", "olga added “in groceries”"], Lines(page)));

        page.Render(p => p.Add(a => a.ProjectId, "p2"));

        page.WaitForAssertion(() => Assert.Equal(["olga added “at home”"], Lines(page)));
        Assert.Equal("Home · Activity", page.Find("#activity-title").TextContent.Trim());
    }

    [Fact]
    public void MemberEntriesSayWhoSharedTheProjectWithWhomWhoWasRemovedAndWhoLeft()
    {
        var now = Clock.GetUtcNow();
        Backend.Activity["p1"] =
        [
            new ActivityEntryDto("e3", now, UserId, "ann", "left", "", "") { MemberName = "ann" },
            new ActivityEntryDto("e2", now.AddMinutes(-1), "owner", "olga", "removed", "", "") { MemberName = "" },
            new ActivityEntryDto("e1", now.AddMinutes(-2), "owner", "olga", "shared", "", "") { MemberName = "ann", Role = "viewer" },
        ];

        var page = Open("p1");

        Assert.Equal(["ann left the project", "olga removed a former member", "olga shared the project with ann as viewer"], Lines(page));
    }

    [Fact]
    public void AProjectTheUserCannotSeeSaysSo()
    {
        var page = Open("gone");

        Assert.Contains("not shared with you", page.Find("#activity-problem").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TimesAreWordedInTheUsersZone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal("just now", ActivityText.When(now.AddSeconds(-20), now, zone));
        Assert.Equal("59 min ago", ActivityText.When(now.AddMinutes(-59), now, zone));
        Assert.Equal("today 09:30", ActivityText.When(new DateTimeOffset(2026, 12, 3, 8, 30, 0, TimeSpan.Zero), now, zone));
        Assert.Equal("yesterday 23:30", ActivityText.When(new DateTimeOffset(2026, 12, 2, 22, 30, 0, TimeSpan.Zero), now, zone));
        Assert.Equal("today 00:30", ActivityText.When(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero), now, zone));
        Assert.Equal("1 Nov 10:00", ActivityText.When(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), now, zone));
        Assert.Equal("1 Nov 2025 10:00", ActivityText.When(new DateTimeOffset(2025, 11, 1, 9, 0, 0, TimeSpan.Zero), now, zone));
    }
}
