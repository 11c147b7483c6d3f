using Todo.Contracts.Tasks;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests;

public sealed class TaskRowTests : MudTestContext
{
    internal static TaskDto Task(string title = "Call mom", DueDto? due = null, DateTimeOffset? dueAt = null, bool completed = false) => new(
        "t1", title, null, TaskPriority.High, ["family", "phone"], due, dueAt,
        new ReminderDto(MinutesBefore: 0), dueAt, new RecurrenceDto(RecurrenceFrequency.Weekly), "every week",
        completed, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "1");

    [Fact]
    public void ARowShowsTitleRelativeDuePriorityTagsAndTheRepeatAndReminderIcons()
    {
        var now = Clock.GetUtcNow();
        var row = Render<TaskRow>(p => p
            .Add(r => r.Task, Task(due: new DueDto(new DateOnly(2026, 3, 15), new TimeOnly(17, 0)), dueAt: new DateTimeOffset(2026, 3, 15, 17, 0, 0, TimeSpan.Zero)))
            .Add(r => r.Now, now));

        Assert.Equal("Call mom", row.Find(".task-title").TextContent);
        Assert.Contains("Tomorrow 17:00", row.Find(".task-due").TextContent);
        Assert.DoesNotContain("overdue", row.Find(".task-due").ClassName);
        Assert.Equal("high", row.Find(".task-priority").TextContent.Trim());
        Assert.Equal(["#family", "#phone"], row.FindAll(".task-tag").Select(t => t.TextContent.Trim()));
        Assert.NotNull(row.Find(".task-repeats"));
        Assert.NotNull(row.Find(".task-reminder"));
    }

    [Fact]
    public void AnOverdueDueIsHighlighted()
    {
        var row = Render<TaskRow>(p => p
            .Add(r => r.Task, Task(due: new DueDto(new DateOnly(2026, 3, 13), new TimeOnly(9, 0)), dueAt: new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.Zero)))
            .Add(r => r.Now, Clock.GetUtcNow()));

        Assert.Contains("overdue", row.Find(".task-due").ClassName);
        Assert.Contains("Yesterday 09:00", row.Find(".task-due").TextContent);
    }

    [Fact]
    public void TickingTheCheckboxAsksToCompleteThatTask()
    {
        TaskDto? toggled = null;
        var task = Task();
        var row = Render<TaskRow>(p => p.Add(r => r.Task, task).Add(r => r.OnToggle, (TaskDto t) => toggled = t));

        row.Find(".task-check input").Change(true);

        Assert.Same(task, toggled);
    }

    [Fact]
    public void IconButtonsHaveLabelsNamingTheTask()
    {
        var row = Render<TaskRow>(p => p.Add(r => r.Task, Task()));

        Assert.Equal("Edit Call mom", row.Find(".task-edit").GetAttribute("aria-label"));
        Assert.Equal("Delete Call mom", row.Find(".task-delete").GetAttribute("aria-label"));
    }

    [Fact]
    public void ADueTimeWithSecondsShowsOnlyItsMinute()
    {
        var row = Render<TaskRow>(p => p
            .Add(r => r.Task, Task(due: new DueDto(new DateOnly(2026, 3, 14), new TimeOnly(21, 47, 30)), dueAt: new DateTimeOffset(2026, 3, 14, 21, 47, 30, TimeSpan.Zero)))
            .Add(r => r.Now, Clock.GetUtcNow()));

        Assert.Equal("Today 21:47", row.Find(".task-due").TextContent.Trim());
    }

    [Theory]
    [InlineData(TaskPriority.High, "mud-error-text")]
    [InlineData(TaskPriority.Medium, "mud-warning-text")]
    [InlineData(TaskPriority.Low, "mud-info-text")]
    public void TheCheckboxHasThePrioritysColour(TaskPriority priority, string colour)
    {
        var row = Render<TaskRow>(p => p.Add(r => r.Task, Task() with { Priority = priority }));

        Assert.Contains(colour, row.Find(".task-check .mud-button-root").ClassName);
    }

    [Theory]
    [InlineData(0, false, "No tasks")]
    [InlineData(1, false, "1 task")]
    [InlineData(3, false, "3 tasks")]
    [InlineData(1, true, "1 task matches")]
    [InlineData(2, true, "2 tasks match")]
    public void TheCountReadsAsWords(int total, bool filtered, string expected) =>
        Assert.Equal(expected, TaskCountText.Describe(total, filtered));
}
