using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests.TaskList;

/// <summary>
/// The tasks page in a project's manual order: handles on the open rows, a hint that says how the list is ordered,
/// a drop the backend refuses put back with a message, and another tab's move applied from its event alone.
/// </summary>
public sealed class ManualOrderPageTests : TaskListContext
{
    [Fact]
    public async Task ADropTheBackendRefusesPutsTheRowBackAndSaysSo()
    {
        var a = Backend.Put(NewTask("a"));
        Backend.Put(NewTask("b"));
        var c = Backend.Put(NewTask("c"));
        var tab = OpenInbox();
        Assert.Equal(["a", "b", "c"], Titles(tab));
        Assert.Equal(3, tab.FindAll("#manual-list .task-drag-handle").Count);
        Assert.Contains("Your order", tab.Find("#order-hint").TextContent);

        // The recording backend answers every POST 405: the move is refused.
        await tab.InvokeAsync(() => tab.Instance.DropTask(c.Id, "before", a.Id));

        tab.WaitForAssertion(() => Assert.Equal(["a", "b", "c"], Titles(tab)));
        Assert.Equal("“c” could not be moved; it is back in its place.", tab.Find("#move-announcement").TextContent.Trim());
    }

    [Fact]
    public async Task AnotherTabsMoveIsAppliedFromItsEventWithoutARead()
    {
        var a = Backend.Put(NewTask("a"));
        var b = Backend.Put(NewTask("b"));
        var c = Backend.Put(NewTask("c"));
        var tab = OpenInbox();
        Backend.ForgetReads();

        var moved = new TaskChanged($"{c.Id}-v1-moved-0123456789abcdef", TaskEventTypes.Moved, UserId, c, Clock.GetUtcNow())
        {
            Order = new TaskOrder(ProjectDto.InboxId, [c.Id, a.Id, b.Id]),
        };
        await Notifier.PublishAsync(moved);

        tab.WaitForAssertion(() => Assert.Equal(["c", "a", "b"], Titles(tab)));
        Assert.Empty(Backend.Reads);
    }

    [Fact]
    public void AnotherSortHasNoHandlesAndSaysHowToGetTheOwnOrderBack()
    {
        Backend.Put(NewTask("b"));
        Backend.Put(NewTask("a"));
        var tab = OpenInbox("sort=title");

        Assert.Equal(["a", "b"], Titles(tab));
        Assert.Empty(tab.FindAll(".task-drag-handle"));
        Assert.Equal("Sorted by title. Clear the sort to put the tasks in your own order.", tab.Find("#order-hint").TextContent.Trim());
    }

    private IRenderedComponent<Tasks> OpenInbox(string query = "")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/projects/inbox{(query.Length > 0 ? "?" + query : "")}");
        var tab = Render<Tasks>(p => p.Add(t => t.ProjectId, ProjectDto.InboxId));
        tab.WaitForAssertion(() => Assert.Equal("true", tab.Find("#tasks-ready").GetAttribute("data-ready")), TimeSpan.FromSeconds(10));
        Later();
        return tab;
    }
}
