using Todo.Contracts.Events;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests.TaskList;

/// <summary>
/// Live sync on the tasks page: the task an event carries is placed in every open tab without reading the list again
/// (issue 12, target 8); the backend is read only when the event cannot say enough.
/// </summary>
public sealed class TaskListLiveSyncTests : TaskListContext
{
    [Fact]
    public async Task OneChangeWithTwentyTabsOpenReadsNothingFromTheBackend()
    {
        var milk = Backend.Put(NewTask("Buy milk", Clock.GetUtcNow().AddDays(1)));
        Backend.Put(NewTask("Call mom", Clock.GetUtcNow().AddDays(2)));
        Backend.Put(NewTask("Pay rent"));
        var tabs = Enumerable.Range(0, 20).Select(_ => OpenTab()).ToList();
        Backend.ForgetReads();

        // Due after "Call mom" now: the row moves below it in every tab.
        var changed = Backend.Put(Next(milk, t => t with { Title = "Buy oat milk", DueAt = Clock.GetUtcNow().AddDays(3), Due = new(DateOnly.FromDateTime(Clock.GetUtcNow().AddDays(3).UtcDateTime)) }));
        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, changed));

        foreach (var tab in tabs)
        {
            tab.WaitForAssertion(() => Assert.Equal(["Call mom", "Buy oat milk", "Pay rent"], Titles(tab)));
        }

        Assert.Empty(Backend.Reads);
    }

    [Fact]
    public async Task AnEventWithoutATaskReadsTheListOnceInEachTab()
    {
        Backend.Put(NewTask("Buy milk"));
        var tabs = Enumerable.Range(0, 3).Select(_ => OpenTab()).ToList();
        Backend.ForgetReads();
        var added = Backend.Put(NewTask("Call mom"));

        await Notifier.PublishAsync(new TaskChanged("e-without-task", TaskEventTypes.Created, UserId, null!, DateTimeOffset.UnixEpoch));

        foreach (var tab in tabs)
        {
            tab.WaitForAssertion(() => Assert.Contains(added.Title, Titles(tab)));
        }

        // The old path, kept as the fallback: the task list and the tag list, per tab.
        Assert.Equal(6, Backend.ListReads);
    }

    [Fact]
    public async Task ATaskLeavesASearchItNoLongerMatchesAndEntersOneItNowMatchesAtItsPlaceInTheSort()
    {
        Backend.Put(NewTask("Buy milk"));
        var cow = Backend.Put(NewTask("Milk the cow"));
        var mom = Backend.Put(NewTask("Call mom"));
        var tab = OpenTab("q=milk&sort=title");
        Assert.Equal(["Buy milk", "Milk the cow"], Titles(tab));
        Backend.ForgetReads();

        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, Backend.Put(Next(mom, t => t with { Title = "Call about milk" }))));
        tab.WaitForAssertion(() => Assert.Equal(["Buy milk", "Call about milk", "Milk the cow"], Titles(tab)));
        Assert.Equal("3 tasks match", Count(tab));

        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, Backend.Put(Next(cow, t => t with { Title = "Feed the cow" }))));
        tab.WaitForAssertion(() => Assert.Equal(["Buy milk", "Call about milk"], Titles(tab)));
        Assert.Equal("2 tasks match", Count(tab));

        // The tags of a task this tab never showed are read once for the user, not per tab.
        Assert.DoesNotContain(Backend.Reads, r => r.StartsWith("api/tasks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADeletedTaskLeavesAndACreatedOneEntersWithTheCountTrue()
    {
        var milk = Backend.Put(NewTask("Buy milk"));
        Backend.Put(NewTask("Call mom"));
        var tab = OpenTab();
        Backend.ForgetReads();

        Backend.Remove(milk.Id);
        await Notifier.PublishAsync(Event(TaskEventTypes.Deleted, milk) with { EventId = $"{milk.Id}-v2-deleted" });
        tab.WaitForAssertion(() => Assert.Equal(["Call mom"], Titles(tab)));
        Assert.Equal("1 task", Count(tab));

        await Notifier.PublishAsync(Event(TaskEventTypes.Created, Backend.Put(NewTask("Water plants"))));
        tab.WaitForAssertion(() => Assert.Equal(["Call mom", "Water plants"], Titles(tab)));
        Assert.Equal("2 tasks", Count(tab));
        Assert.Empty(Backend.Reads);
    }

    [Fact]
    public async Task ATaskMovedWhereTheUserCannotSeeItLeavesTheirListWithoutARead()
    {
        var paint = Backend.Put(NewTask("Paint the fence") with { ProjectId = "p2" });
        Backend.Put(NewTask("Call mom"));
        var tab = OpenTab();
        Backend.ForgetReads();

        // The owner moved it into a project this user is not a member of: the event is the task as the user last saw it.
        Backend.Remove(paint.Id);
        await Notifier.PublishAsync(Event(TaskEventTypes.Removed, paint) with { EventId = $"{paint.Id}-v2-removed" });
        tab.WaitForAssertion(() => Assert.Equal(["Call mom"], Titles(tab)));
        Assert.Equal("1 task", Count(tab));
        Assert.Equal(0, Backend.ListReads);
    }

    [Fact]
    public async Task AnOlderVersionThanTheTabShowsIsIgnoredAndASkippedVersionReadsTheListAgain()
    {
        var milk = Backend.Put(NewTask("Buy milk"));
        var tab = OpenTab();
        var v2 = Next(milk, t => t with { Title = "Buy oat milk" });
        var v3 = Backend.Put(Next(v2, t => t with { Title = "Buy soy milk" }));
        Backend.ForgetReads();

        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, milk) with { EventId = "replayed-v1" });
        Assert.Empty(Backend.Reads);

        // v2 never arrived: the snapshot of v3 may not be the last word, so the list is read (once: tasks and tags).
        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, v3));
        tab.WaitForAssertion(() => Assert.Equal(["Buy soy milk"], Titles(tab)));
        Assert.Equal(2, Backend.ListReads);

        // v2 arriving late changes nothing.
        await Notifier.PublishAsync(Event(TaskEventTypes.Updated, v2));
        Assert.Equal(["Buy soy milk"], Titles(tab));
        Assert.Equal(2, Backend.ListReads);
    }

    [Fact]
    public async Task ACompletedTaskLeavesTheOpenListAndItsTagsAreCountedWithoutARead()
    {
        var milk = Backend.Put(NewTask("Buy milk", tags: ["home", "shop"]));
        Backend.Put(NewTask("Clean", tags: ["home"]));
        var list = await LoadedListAsync(new Features.Backend.TaskFilter(Status: "open"));
        Later();
        Assert.Equal([new("home", 2), new("shop", 1)], list.Tags);
        Backend.ForgetReads();

        var done = Backend.Put(Next(milk, t => t with { Completed = true, CompletedAt = Clock.GetUtcNow() }));
        var outcome = await list.ApplyAsync(Event(TaskEventTypes.Completed, done), Clock.GetUtcNow(), TimeZoneInfo.Utc);

        Assert.Equal(LiveOutcome.Applied, outcome);
        Assert.Equal(["Clean"], list.Items.Select(t => t.Title));
        Assert.Equal(1, list.Total);
        Assert.Equal([new("home", 1)], list.Tags);
        Assert.Empty(Backend.Reads);
    }

    [Fact]
    public async Task TagsThatNoTabCanWorkOutAreReadOnceForAllTabs()
    {
        var cow = Backend.Put(NewTask("Milk the cow", tags: ["farm"]));
        Backend.Put(NewTask("Buy milk", tags: ["shop"]));
        var shared = new Features.Live.LiveTagReads(Backend.Client, Clock);
        var lists = new List<LiveTaskList>();
        for (var i = 0; i < 5; i++)
        {
            lists.Add(await LoadedListAsync(new Features.Backend.TaskFilter(Text: "buy"), shared));
        }

        Later();
        Backend.ForgetReads();

        // Shown nowhere (the search hides it), so its tags before the change are unknown to every tab.
        var change = Event(TaskEventTypes.Updated, Backend.Put(Next(cow, t => t with { Tags = ["farm", "animals"] })));
        foreach (var list in lists)
        {
            Assert.Equal(LiveOutcome.Applied, await list.ApplyAsync(change, Clock.GetUtcNow(), TimeZoneInfo.Utc));
            Assert.Equal([new("animals", 1), new("farm", 1), new("shop", 1)], list.Tags);
        }

        Assert.Equal(["api/tags"], Backend.Reads);
    }

    [Fact]
    public async Task AChangeThatArrivesWhileAReadIsInFlightIsNotLostToTheOlderAnswer()
    {
        var milk = Backend.Put(NewTask("Buy milk"));
        var list = new LiveTaskList(Backend.Client, User, Clock);
        var hold = Backend.HoldListAnswers();
        var first = list.LoadAsync(new Features.Backend.TaskFilter());

        // The read has its answer (v1) but not yet delivered when v2's event comes: nothing to place it in yet.
        await Backend.ListAnswerWaiting.WaitAsync(TimeSpan.FromSeconds(10));
        var renamed = Backend.Put(Next(milk, t => t with { Title = "Buy oat milk" }));
        Assert.Equal(LiveOutcome.Ignored, await list.ApplyAsync(Event(TaskEventTypes.Updated, renamed), Clock.GetUtcNow(), TimeZoneInfo.Utc));
        hold.SetResult();
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["Buy oat milk"], list.Items.Select(t => t.Title));
        Assert.Equal("2", list.Items[0].ETag);
    }

    [Fact]
    public async Task AnEventThatArrivesAfterATagReadThatAlreadyCountsItIsNotCountedTwice()
    {
        Backend.Put(NewTask("Milk the cow", tags: ["farm"]));
        var created = Event(TaskEventTypes.Created, Backend.Put(NewTask("Buy milk", tags: ["shop"])));
        Later();
        var list = await LoadedListAsync(new Features.Backend.TaskFilter(Text: "cow"));
        Later();
        Backend.ForgetReads();

        // Published before the list was read, delivered after (pub/sub is slower than a read): the read counted it.
        Assert.Equal(LiveOutcome.Applied, await list.ApplyAsync(created, Clock.GetUtcNow(), TimeZoneInfo.Utc));

        Assert.Equal([new("farm", 1), new("shop", 1)], list.Tags);
        Assert.Empty(Backend.Reads);
    }
}
