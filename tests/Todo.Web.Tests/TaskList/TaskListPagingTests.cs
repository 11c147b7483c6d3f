using Todo.Contracts.Events;

namespace Todo.Web.Tests.TaskList;

/// <summary>Every task is reachable from the page however many there are, and the count says how many (issue 12, target 10).</summary>
public sealed class TaskListPagingTests : TaskListContext
{
    private void Seed(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Backend.Put(NewTask($"Task {i:D4}", Clock.GetUtcNow().AddHours(i + 1)));
        }
    }

    private static IReadOnlyList<string> Ids(IRenderedComponent<Features.Tasks.Tasks> tab) =>
        [.. tab.FindAll(".task-row").Select(e => e.GetAttribute("data-task-id")!)];

    [Fact]
    public void TwoHundredAndFiftyTasksAreAllReachableWithShowMoreAndTheCountIsTrue()
    {
        Seed(125);
        var tab = OpenTab();
        Assert.Equal(50, Ids(tab).Count);
        Assert.Equal("125 tasks · showing 50", Count(tab));
        Assert.Equal("Show 50 more", tab.Find("#show-more").TextContent.Trim());

        tab.Find("#show-more").Click();
        tab.WaitForAssertion(() => Assert.Equal(100, Ids(tab).Count));
        Assert.Equal("125 tasks · showing 100", Count(tab));
        Assert.Equal("Show 25 more", tab.Find("#show-more").TextContent.Trim());

        tab.Find("#show-more").Click();
        tab.WaitForAssertion(() => Assert.Equal(125, Ids(tab).Count));
        Assert.Equal("125 tasks", Count(tab));
        Assert.Empty(tab.FindAll("#show-more"));
        Assert.Equal(125, Ids(tab).Distinct().Count());
        // In the backend's order, each page read once.
        Assert.Equal([.. Enumerable.Range(0, 125).Select(i => $"Task {i:D4}")], Titles(tab));
        Assert.Equal(3, Backend.Reads.Count(r => r.StartsWith("api/tasks?", StringComparison.Ordinal)));
    }

    [Fact]
    public void ScrollingTheButtonIntoViewReadsTheNextPageAsAClickWould()
    {
        Seed(75);
        var tab = OpenTab();
        var button = tab.FindComponent<Features.Tasks.ShowMoreButton>();

        // What the page's IntersectionObserver calls when the button comes near the viewport.
        tab.InvokeAsync(button.Instance.NearViewportAsync);

        tab.WaitForAssertion(() => Assert.Equal(75, Ids(tab).Count));
        Assert.Equal("75 tasks", Count(tab));
    }

    [Fact]
    public async Task AfterALiveChangeAmongTheLoadedRowsShowMoreSkipsNoTask()
    {
        Seed(125);
        var tab = OpenTab();
        var first = Backend.Reads.Count;
        var gone = await Backend.Client.GetTaskAsync(User, "t0001");

        // Removed from the loaded rows: an offset cursor would now skip the task that moved up into row 50.
        Backend.Remove(gone.Id);
        await Notifier.PublishAsync(Event(TaskEventTypes.Deleted, gone) with { EventId = "t0001-v2-deleted" });
        tab.WaitForAssertion(() => Assert.Equal("124 tasks · showing 49", Count(tab)));

        tab.Find("#show-more").Click();
        tab.WaitForAssertion(() => Assert.Equal(99, Ids(tab).Count));
        tab.Find("#show-more").Click();
        tab.WaitForAssertion(() => Assert.Equal(124, Ids(tab).Count));
        Assert.Equal(124, Ids(tab).Distinct().Count());
        Assert.Equal("124 tasks", Count(tab));
        Assert.True(Backend.Reads.Count > first);
    }

    [Fact]
    public async Task AChangeToATaskBeyondTheLoadedPagesReadsTheShownRowsAgainOnce()
    {
        Seed(75);
        var tab = OpenTab();
        Backend.ForgetReads();
        var late = await Backend.Client.GetTaskAsync(User, "t0070");
        Backend.ForgetReads();

        // Due first now, but the tab cannot know whether it was counted before: one read of the list and tags.
        var moved = Backend.Put(Next(late, t => t with { DueAt = Clock.GetUtcNow().AddMinutes(1), Due = new(DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime)) }));
        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, moved));

        tab.WaitForAssertion(() => Assert.Equal(moved.Title, Titles(tab)[0]));
        Assert.Equal("75 tasks · showing 50", Count(tab));
        Assert.Equal(2, Backend.ListReads);
    }
}
