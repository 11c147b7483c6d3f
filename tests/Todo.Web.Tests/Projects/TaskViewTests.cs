using Todo.Contracts.Tasks;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests.Projects;

public sealed class TaskViewTests
{
    // Saturday 2026-03-14 10:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 14);

    private static TaskDto Due(string title, DateOnly? date, TimeOnly? time = null, bool completed = false)
    {
        DateTimeOffset? dueAt = date is { } d ? new DateTimeOffset(d.ToDateTime(time ?? new TimeOnly(23, 59, 59)), TimeSpan.Zero) : null;
        return new TaskDto(title, title, null, TaskPriority.None, [], date is { } day ? new DueDto(day, time) : null, dueAt,
            null, null, null, null, completed, null, Now, Now, "1");
    }

    [Theory]
    [InlineData("today", null, null, TaskViewKind.Today)]
    [InlineData("UPCOMING", null, null, TaskViewKind.Upcoming)]
    [InlineData("completed", null, null, TaskViewKind.Completed)]
    [InlineData("label", null, "home", TaskViewKind.Label)]
    [InlineData("label", null, null, TaskViewKind.All)]
    [InlineData("nonsense", null, null, TaskViewKind.All)]
    [InlineData(null, "p1", null, TaskViewKind.Project)]
    [InlineData("today", "p1", null, TaskViewKind.Project)]
    public void TheUrlNamesTheView(string? view, string? project, string? tag, TaskViewKind expected) =>
        Assert.Equal(expected, TaskView.From(view, project, tag).Kind);

    [Fact]
    public void EachViewNarrowsTheFindBarsQueryAndKeepsItsSearch()
    {
        var find = new TaskFilter(Text: "milk", Status: "completed", Sort: "title", Due: "none");
        Assert.Equal(find with { Project = "p1" }, new TaskView(TaskViewKind.Project, "p1").Narrow(find));
        Assert.Equal(new TaskFilter(Text: "milk", Status: "open", Sort: "due"), new TaskView(TaskViewKind.Today).Narrow(find));
        Assert.Equal(new TaskFilter(Text: "milk", Status: "open", Sort: "due"), new TaskView(TaskViewKind.Upcoming).Narrow(find));
        Assert.Equal(find with { Status = "completed" }, new TaskView(TaskViewKind.Completed).Narrow(find with { Status = "open" }));
        Assert.Contains("project=p1", new TaskView(TaskViewKind.Project, "p1").Narrow(new()).ToQueryString());
    }

    [Fact]
    public void TodayShowsOverdueAndTodaysTasksAndUpcomingTheNextFourteenDays()
    {
        var yesterday = Due("yesterday", Today.AddDays(-1));
        var earlierToday = Due("at 9", Today, new TimeOnly(9, 0));
        var tonight = Due("tonight", Today, new TimeOnly(20, 0));
        var tomorrow = Due("tomorrow", Today.AddDays(1));
        var lastDay = Due("day 14", Today.AddDays(13));
        var beyond = Due("day 15", Today.AddDays(14));
        var undated = Due("undated", null);
        TaskDto[] all = [yesterday, earlierToday, tonight, tomorrow, lastDay, beyond, undated, Due("done", Today, completed: true)];
        var zone = TimeZoneInfo.Utc;

        Assert.Equal(["yesterday", "at 9", "tonight"], all.Where(t => new TaskView(TaskViewKind.Today).Shows(t, Now, zone)).Select(t => t.Title));
        var upcoming = all.Where(t => new TaskView(TaskViewKind.Upcoming).Shows(t, Now, zone)).ToList();
        Assert.Equal(["yesterday", "at 9", "tonight", "tomorrow", "day 14"], upcoming.Select(t => t.Title));

        var days = TaskView.ByDay(upcoming, Now, zone);
        Assert.Equal(15, days.Count);
        Assert.Null(days[0].Day);
        Assert.Equal(["yesterday", "at 9"], days[0].Tasks.Select(t => t.Title));
        Assert.Equal(Today, days[1].Day);
        Assert.Equal(["tonight"], days[1].Tasks.Select(t => t.Title));
        Assert.Equal(["tomorrow"], days[2].Tasks.Select(t => t.Title));
        Assert.Empty(days[3].Tasks);
        Assert.Equal(Today.AddDays(13), days[14].Day);
        Assert.Equal(["day 14"], days[14].Tasks.Select(t => t.Title));
        Assert.Equal("Today · Sat 14 Mar", TaskView.DayTitle(Today, Now, zone));
        Assert.Equal("Tomorrow · Sun 15 Mar", TaskView.DayTitle(Today.AddDays(1), Now, zone));
        Assert.Equal("Mon 16 Mar", TaskView.DayTitle(Today.AddDays(2), Now, zone));
    }

    [Fact]
    public void TheProjectRuleLetsOnlyThatProjectsTasksThrough()
    {
        var filter = new TaskFilter(Project: "p1");
        var task = Due("x", null);
        Assert.False(TaskFilterRules.Matches(filter, task, Now, TimeZoneInfo.Utc));
        Assert.True(TaskFilterRules.Matches(filter, task with { ProjectId = "p1" }, Now, TimeZoneInfo.Utc));
        Assert.True(TaskFilterRules.Matches(new TaskFilter(Project: "inbox"), task, Now, TimeZoneInfo.Utc));
        Assert.True(TaskFilterRules.Matches(new TaskFilter(), task with { ProjectId = "p1" }, Now, TimeZoneInfo.Utc));
    }
}
