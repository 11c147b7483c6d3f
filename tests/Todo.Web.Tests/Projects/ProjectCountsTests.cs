using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Projects;

namespace Todo.Web.Tests.Projects;

public sealed class ProjectCountsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<ProjectDto> Projects =
    [
        new(ProjectDto.InboxId, ProjectDto.InboxName, null, false, true, 3, "owner", "1"),
        new("p1", "Groceries", "#299438", false, false, 2, "owner", "1"),
        new("p2", "Home", null, false, false, 0, "owner", "1"),
    ];

    internal static TaskDto Task(string project, bool completed = false) =>
        new("t1", "Buy milk", null, TaskPriority.None, [], null, null, null, null, null, null, completed, null, Now, Now, "2") { ProjectId = project };

    private static TaskChanged Change(string type, TaskDto task) => new($"t1-v2-{type}", type, "u1", task, Now);

    private static int[] Counts(IReadOnlyList<ProjectDto>? projects) => [.. projects!.Select(p => p.OpenCount)];

    [Fact]
    public void CreatingCompletingReopeningAndDeletingMoveTheTasksProjectOnly()
    {
        Assert.Equal([3, 3, 0], Counts(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Created, Task("p1")), null)));
        Assert.Equal([3, 1, 0], Counts(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Completed, Task("p1", completed: true)), null)));
        Assert.Equal([3, 2, 1], Counts(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Reopened, Task("p2")), null)));
        Assert.Equal([2, 2, 0], Counts(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Deleted, Task("inbox")), null)));
        // A completed task was not counted, so deleting it moves nothing.
        Assert.Equal([3, 2, 0], Counts(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Deleted, Task("p1", completed: true)), null)));
        // Moved where this user cannot see it: gone from the project it was in, as a deletion.
        Assert.Equal([3, 1, 0], Counts(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Removed, Task("p1")), null)));
    }

    [Fact]
    public void ANewPlaceInTheManualOrderMovesNoCountAndNeedsNoRead()
    {
        var moved = Change(TaskEventTypes.Moved, Task("p1")) with { Order = new TaskOrder("p1", ["t1", "t0"]) };
        Assert.Equal([3, 2, 0], Counts(ProjectCounts.Apply(Projects, moved, projectBefore: "p1")));
    }

    [Fact]
    public void AMoveIsCountedWhenTheProjectBeforeIsKnownAndOtherwiseAsksForARead()
    {
        var move = Change(TaskEventTypes.Updated, Task("p2"));
        Assert.Equal([3, 1, 1], Counts(ProjectCounts.Apply(Projects, move, projectBefore: "p1")));
        Assert.Null(ProjectCounts.Apply(Projects, move, projectBefore: null));
        // An edit within the project, and any edit of a completed task, move no count.
        Assert.Equal([3, 2, 0], Counts(ProjectCounts.Apply(Projects, move, projectBefore: "p2")));
        Assert.Equal([3, 2, 0], Counts(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Updated, Task("p2", completed: true)), null)));
    }

    [Fact]
    public void AUserWithOnlyTheInboxNeverNeedsARead()
    {
        IReadOnlyList<ProjectDto> inboxOnly = [Projects[0]];
        Assert.Equal([3], Counts(ProjectCounts.Apply(inboxOnly, Change(TaskEventTypes.Updated, Task("inbox")), null)));
        Assert.Equal([4], Counts(ProjectCounts.Apply(inboxOnly, Change(TaskEventTypes.Created, Task("inbox")), null)));
    }

    [Fact]
    public void ATaskInAProjectThisTabDoesNotListAsksForARead()
    {
        // Made in another tab: project changes are not published yet (ADR 0011), so only a read shows the project.
        Assert.Null(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Created, Task("p9")), null));
        Assert.Null(ProjectCounts.Apply(Projects, Change(TaskEventTypes.Updated, Task("p1")), projectBefore: "p9"));
    }
}
