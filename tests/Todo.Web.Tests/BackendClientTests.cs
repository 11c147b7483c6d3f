using Todo.Contracts.Tasks;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests;

public sealed class BackendClientTests
{
    [Fact]
    public void AMergePatchSendsNullToClearAndLeavesOutWhatIsAbsent()
    {
        var patch = new UpdateTaskRequest { Title = "New", Due = null, Present = new HashSet<string>(["title", "due"]) };

        Assert.Equal("""{"title":"New","due":null}""", BackendClient.ToMergePatch(patch).ToJsonString());
    }

    [Fact]
    public void AMergePatchCarriesTheWholeChecklistWithTheIdsOfKeptSteps()
    {
        var patch = new UpdateTaskRequest { Steps = [new StepInput("kept", true) { Id = "s1" }, new StepInput("new")], Present = new HashSet<string>(["steps"]) };

        Assert.Equal("""{"steps":[{"title":"kept","done":true,"id":"s1"},{"title":"new","done":false}]}""", BackendClient.ToMergePatch(patch).ToJsonString());
    }

    [Fact]
    public void AProblemWithoutDetailReadsAsItsFieldMessages()
    {
        var problem = new BackendProblem(400, "One or more validation errors occurred.", null,
            new Dictionary<string, string[]> { ["title"] = ["A title is required."] });

        Assert.Equal("A title is required.", problem.Message);
        Assert.Equal(["A title is required."], problem.For("Title"));
    }

    [Fact]
    public void TasksFallIntoSectionsByTheUsersOwnCalendar()
    {
        var now = new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); // already 15 March there
        TaskDto Due(string title, DateOnly? date, bool completed = false) => TaskRowTests.Task(title,
            date is { } d ? new DueDto(d) : null, date is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(22, 59)), TimeSpan.Zero) : null, completed);

        var sections = TaskSections.Group(
            [Due("late", new DateOnly(2026, 3, 14)), Due("today", new DateOnly(2026, 3, 15)), Due("later", new DateOnly(2026, 3, 20)),
             Due("someday", null), Due("done", new DateOnly(2026, 3, 1), completed: true)],
            now, berlin);

        Assert.Equal(
            [(TaskSection.Overdue, "late"), (TaskSection.Today, "today"), (TaskSection.Upcoming, "later"), (TaskSection.NoDate, "someday"), (TaskSection.Completed, "done")],
            sections.Select(s => (s.Section, Assert.Single(s.Tasks).Title)));
    }
}
