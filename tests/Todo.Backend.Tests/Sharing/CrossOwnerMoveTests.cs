using System.Net;
using Dapr.Client;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Sharing;

/// <summary>
/// A task moved into a project of another owner, as a member drags a task of their Inbox into a list shared with them
/// (issue 15 item 3), or out of a shared list into their own: it becomes that owner's task, under that owner's key,
/// with its reminder, and whoever can no longer see it is only told that it is gone.
/// </summary>
public sealed class CrossOwnerMoveTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AMembersOwnTaskMovedIntoTheSharedProjectBecomesTheOwnersWithItsReminder()
    {
        var s = await backend.SharedProjectAsync();
        var remindAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var mine = await s.MemberClient.CreateTaskAsync(new CreateTaskRequest("bring the ladder", Tags: ["garden"], Reminder: new ReminderDto(At: remindAt)));

        using var moved = await s.MemberClient.SendAsync(HttpExtensions.Patch($"api/tasks/{mine.Id}", new { projectId = s.Project.Id }));
        var dto = await moved.ReadAsync<TaskDto>();
        Assert.Equal(s.Project.Id, dto.ProjectId);
        Assert.Equal(["garden"], dto.Tags);

        // Under the owner's key now, and nowhere else.
        using var dapr = backend.StateClient();
        Assert.Null(await dapr.GetStateAsync<TaskRecord?>(DaprNames.StateStore, StateKeys.Task(s.Member.UserId, mine.Id)));
        Assert.Equal(s.Owner.UserId, (await dapr.GetStateAsync<TaskRecord?>(DaprNames.StateStore, StateKeys.Task(s.Owner.UserId, mine.Id)))!.UserId);

        Assert.Contains((await s.OwnerClient.TasksAsync($"project={s.Project.Id}")).Items, t => t.Id == mine.Id);
        Assert.Equal(2, (await s.OwnerClient.ProjectsAsync()).Single(p => p.Id == s.Project.Id).OpenCount);
        Assert.Equal(2, (await s.MemberClient.ProjectsAsync()).Single(p => p.Id == s.Project.Id).OpenCount);
        Assert.DoesNotContain((await s.MemberClient.TasksAsync("project=inbox")).Items, t => t.Id == mine.Id);
        using (var edit = await s.OwnerClient.SendAsync(HttpExtensions.Patch($"api/tasks/{mine.Id}", new { title = "bring the long ladder" })))
        {
            Assert.Equal("bring the long ladder", (await edit.ReadAsync<TaskDto>()).Title);
        }

        var update = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Updated && e.IsAbout(mine.Id) && e.Data.GetProperty("task").GetProperty("projectId").GetString() == s.Project.Id);
        Assert.Equal(s.Owner.UserId, update.Data.GetProperty("userId").GetString());

        // The job now names the owner whose key its callback reads: the reminder still comes, to its creator.
        var due = await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(mine.Id), TimeSpan.FromSeconds(20));
        Assert.Equal(s.Member.UserId, due.Data.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task AMemberMovingASharedTaskIntoTheirOwnProjectTakesItAndTheOwnerIsOnlyToldItIsGone()
    {
        var s = await backend.SharedProjectAsync();
        var theirs = await s.MemberClient.CreateProjectAsync("Mine");

        using var moved = await s.MemberClient.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { projectId = theirs.Id }));
        Assert.Equal(theirs.Id, (await moved.ReadAsync<TaskDto>()).ProjectId);

        using (var ownerRead = await s.OwnerClient.GetAsync($"api/tasks/{s.Task.Id}"))
        {
            await ownerRead.ProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Contains((await s.MemberClient.TasksAsync($"project={theirs.Id}")).Items, t => t.Id == s.Task.Id);
        var gone = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Removed && e.IsAbout(s.Task.Id));
        Assert.Equal([s.Owner.UserId], gone.Data.GetProperty("audience").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(s.Project.Id, gone.Data.GetProperty("task").GetProperty("projectId").GetString());
    }

    [Fact]
    public async Task AViewerCannotMoveATaskOutAndNoOneMovesIntoAProjectTheyCannotWrite()
    {
        var s = await backend.SharedProjectAsync("viewer");
        var theirs = await s.MemberClient.CreateProjectAsync("Mine");
        using (var outOf = await s.MemberClient.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { projectId = theirs.Id })))
        {
            await outOf.ProblemAsync(HttpStatusCode.Forbidden);
        }

        var mine = await s.MemberClient.CreateTaskAsync("the viewer's");
        using (var into = await s.MemberClient.SendAsync(HttpExtensions.Patch($"api/tasks/{mine.Id}", new { projectId = s.Project.Id })))
        {
            await into.ProblemAsync(HttpStatusCode.Forbidden);
        }

        // Nothing moved: each task is still its owner's, where it was.
        Assert.Contains((await s.OwnerClient.TasksAsync($"project={s.Project.Id}")).Items, t => t.Id == s.Task.Id);
        Assert.Contains((await s.MemberClient.TasksAsync("project=inbox")).Items, t => t.Id == mine.Id);
    }
}
