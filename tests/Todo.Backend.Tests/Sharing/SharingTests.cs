using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Order;
using Todo.Backend.Tests.Projects;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Sharing;

/// <summary>
/// Sharing a project through the real backend and the emulator (ADR 0011, step 2): by username with a role, members
/// who read and write its tasks on every route, a stranger who gets a 404 on every route, a removed member who loses
/// access at once, viewers who only read, assignees, and events that name everyone who sees the change.
/// </summary>
public sealed class SharingTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ASharedProjectAppearsForTheMemberWithTheirRoleAndTheyWorkOnItsTasksOnEveryRoute()
    {
        var s = await backend.SharedProjectAsync();
        var member = s.MemberClient;

        var joined = Assert.Single(await member.ProjectsAsync(), p => p.Id == s.Project.Id);
        Assert.Equal(("Household", "editor", 1), (joined.Name, joined.Role, joined.OpenCount));
        Assert.Equal("owner", Assert.Single(await s.OwnerClient.ProjectsAsync(), p => p.Id == s.Project.Id).Role);
        Assert.Equal([(s.Owner.Username, "owner"), (s.Member.Username, "editor")], (await member.MembersAsync(s.Project.Id)).Select(m => (m.Username, m.Role)));

        Assert.Equal(["buy soap"], (await member.TasksAsync($"project={s.Project.Id}")).Items.Select(t => t.Title));
        Assert.Contains((await member.TasksAsync("")).Items, t => t.Id == s.Task.Id);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"api/tasks/{s.Task.Id}")).StatusCode);
        Assert.Contains((await (await member.GetAsync("api/tags")).ReadAsync<List<TagCount>>()), t => t.Tag == "shop");

        using var patched = await member.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { title = "buy soap and towels" }));
        Assert.Equal("buy soap and towels", (await patched.ReadAsync<TaskDto>()).Title);
        var snoozed = await member.PostJsonAsync($"api/tasks/{s.Task.Id}/snooze", new SnoozeRequest(10));
        Assert.Equal(HttpStatusCode.OK, snoozed.StatusCode);
        await member.CompleteAsync(s.Task);
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"api/tasks/{s.Task.Id}/reopen", null)).StatusCode);

        var added = await member.CreateTaskInAsync(s.Project.Id, "fix the tap");
        Assert.Equal(s.Member.UserId, added.CreatedBy);
        Assert.Contains((await s.OwnerClient.TasksAsync($"project={s.Project.Id}")).Items, t => t.Id == added.Id && t.Title == "fix the tap");
        Assert.Equal(HttpStatusCode.NoContent, (await member.DeleteAsync($"api/tasks/{added.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OwnerClient.GetAsync($"api/tasks/{added.Id}")).StatusCode);

        var ownersView = await (await s.OwnerClient.GetAsync($"api/tasks/{s.Task.Id}")).ReadAsync<TaskDto>();
        Assert.Equal(("buy soap and towels", false), (ownersView.Title, ownersView.Completed));
    }

    [Fact]
    public async Task SomeoneWithoutAccessGetsNotFoundOnEveryRouteOfASharedProject()
    {
        var s = await backend.SharedProjectAsync();
        var stranger = s.StrangerClient;
        var task = $"api/tasks/{s.Task.Id}";

        await AssertNotFound(stranger.GetAsync(task));
        await AssertNotFound(stranger.SendAsync(HttpExtensions.Patch(task, new { title = "mine now" })));
        await AssertNotFound(stranger.PostAsync($"{task}/complete", null));
        await AssertNotFound(stranger.PostAsync($"{task}/reopen", null));
        await AssertNotFound(stranger.PostJsonAsync($"{task}/snooze", new SnoozeRequest(10)));
        await AssertNotFound(stranger.DeleteAsync(task));
        await AssertNotFound(stranger.GetAsync($"api/tasks?project={s.Project.Id}"));
        await AssertNotFound(stranger.GetAsync($"api/projects/{s.Project.Id}/members"));
        await AssertNotFound(stranger.ShareAsync(s.Project.Id, s.Stranger.Username));
        await AssertNotFound(stranger.DeleteAsync($"api/projects/{s.Project.Id}/members/{s.Member.UserId}"));
        await AssertNotFound(stranger.DeleteAsync($"api/projects/{s.Project.Id}/members/me"));
        await AssertNotFound(stranger.GetAsync($"api/projects/{s.Project.Id}/activity"));
        await AssertNotFound(stranger.SendAsync(HttpExtensions.Patch($"api/projects/{s.Project.Id}", new { name = "mine" })));
        await AssertNotFound(stranger.DeleteAsync($"api/projects/{s.Project.Id}?tasks=delete"));
        using var create = await stranger.PostJsonAsync("api/tasks", new CreateTaskRequest("sneak in") { ProjectId = s.Project.Id });
        Assert.Contains("no such project", (await create.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());

        Assert.DoesNotContain(await stranger.ProjectsAsync(), p => p.Id == s.Project.Id);
        Assert.Equal(0, (await stranger.TasksAsync("")).Total);
        Assert.Empty(await (await stranger.GetAsync("api/tags")).ReadAsync<List<TagCount>>());
        Assert.Equal("buy soap", (await (await s.OwnerClient.GetAsync(task)).ReadAsync<TaskDto>()).Title);
    }

    [Fact]
    public async Task AMemberNeverReachesTheOwnersInboxOrOtherProjects()
    {
        var s = await backend.SharedProjectAsync();
        var inboxTask = await s.OwnerClient.CreateTaskAsync("private");
        var other = await s.OwnerClient.CreateProjectAsync("Private");
        var otherTask = await s.OwnerClient.CreateTaskInAsync(other.Id, "also private");

        await AssertNotFound(s.MemberClient.GetAsync($"api/tasks/{inboxTask.Id}"));
        await AssertNotFound(s.MemberClient.GetAsync($"api/tasks/{otherTask.Id}"));
        await AssertNotFound(s.MemberClient.SendAsync(HttpExtensions.Patch($"api/tasks/{otherTask.Id}", new { title = "x" })));
        await AssertNotFound(s.MemberClient.GetAsync($"api/tasks?project={other.Id}"));
        Assert.DoesNotContain((await s.MemberClient.TasksAsync("")).Items, t => t.Id == inboxTask.Id || t.Id == otherTask.Id);

        // Nor by moving a task there: to the member, the owner's other projects do not exist.
        var mine = await s.MemberClient.CreateTaskAsync("the member's");
        using var move = await s.MemberClient.SendAsync(HttpExtensions.Patch($"api/tasks/{mine.Id}", new { projectId = other.Id }));
        Assert.Contains("no such project", (await move.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("projectId")[0].GetString());
    }

    [Fact]
    public async Task ARemovedMemberLosesAccessAtOnceAndOneWhoLeavesToo()
    {
        var s = await backend.SharedProjectAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.MemberClient.GetAsync($"api/tasks/{s.Task.Id}")).StatusCode);

        await s.OwnerClient.RemoveMemberAsync(s.Project.Id, s.Member.UserId);

        await AssertNotFound(s.MemberClient.GetAsync($"api/tasks/{s.Task.Id}"));
        await AssertNotFound(s.MemberClient.PostAsync($"api/tasks/{s.Task.Id}/complete", null));
        await AssertNotFound(s.MemberClient.GetAsync($"api/tasks?project={s.Project.Id}"));
        Assert.DoesNotContain(await s.MemberClient.ProjectsAsync(), p => p.Id == s.Project.Id);
        Assert.Equal([s.Owner.UserId], (await s.OwnerClient.MembersAsync(s.Project.Id)).Select(m => m.UserId));

        await s.OwnerClient.ShareOkAsync(s.Project.Id, s.Member.Username);
        await s.MemberClient.RemoveMemberAsync(s.Project.Id, "me");
        await AssertNotFound(s.MemberClient.GetAsync($"api/tasks/{s.Task.Id}"));
        Assert.DoesNotContain(await s.MemberClient.ProjectsAsync(), p => p.Id == s.Project.Id);
    }

    [Fact]
    public async Task AViewerReadsButChangesNothing()
    {
        var s = await backend.SharedProjectAsync(role: "viewer");
        var viewer = s.MemberClient;

        Assert.Equal("viewer", Assert.Single(await viewer.ProjectsAsync(), p => p.Id == s.Project.Id).Role);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"api/tasks/{s.Task.Id}")).StatusCode);
        Assert.Single((await viewer.TasksAsync($"project={s.Project.Id}")).Items);

        await AssertForbidden(viewer.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { title = "x" })));
        await AssertForbidden(viewer.PostAsync($"api/tasks/{s.Task.Id}/complete", null));
        await AssertForbidden(viewer.DeleteAsync($"api/tasks/{s.Task.Id}"));
        await AssertForbidden(viewer.PostJsonAsync("api/tasks", new CreateTaskRequest("x") { ProjectId = s.Project.Id }));
        await AssertForbidden(viewer.ShareAsync(s.Project.Id, s.Stranger.Username));

        // Promoted by the owner, the same person may change tasks.
        await s.OwnerClient.ShareOkAsync(s.Project.Id, s.Member.Username, "editor");
        Assert.Equal(HttpStatusCode.OK, (await viewer.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { title = "x" }))).StatusCode);
    }

    [Fact]
    public async Task AnEditorOrdersASharedProjectsTasksAViewerMayNotAndAStrangerFindsNothing()
    {
        var s = await backend.SharedProjectAsync();
        var second = await s.OwnerClient.CreateTaskAsync(new CreateTaskRequest("mop the floor") { ProjectId = s.Project.Id });

        var order = await s.MemberClient.MoveAsync(second.Id, new MoveTaskRequest(Before: s.Task.Id));

        Assert.Equal([second.Id, s.Task.Id], order.TaskIds);
        Assert.Equal([second.Id, s.Task.Id], (await s.OwnerClient.TasksAsync($"project={s.Project.Id}&sort=manual")).Items.Select(t => t.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await s.StrangerClient.PostJsonAsync($"api/tasks/{second.Id}/position", new MoveTaskRequest())).StatusCode);
        await s.OwnerClient.ShareOkAsync(s.Project.Id, s.Member.Username, "viewer");
        await AssertForbidden(s.MemberClient.PostJsonAsync($"api/tasks/{second.Id}/position", new MoveTaskRequest()));
    }

    [Fact]
    public async Task OnlyTheOwnerManagesTheProjectWhileAnEditorMayOrderTheirOwnSidebar()
    {
        var s = await backend.SharedProjectAsync();

        await AssertForbidden(s.MemberClient.ShareAsync(s.Project.Id, s.Stranger.Username));
        await AssertForbidden(s.MemberClient.DeleteAsync($"api/projects/{s.Project.Id}/members/{s.Owner.UserId}"));
        await AssertForbidden(s.MemberClient.SendAsync(HttpExtensions.Patch($"api/projects/{s.Project.Id}", new { name = "Renamed" })));
        await AssertForbidden(s.MemberClient.DeleteAsync($"api/projects/{s.Project.Id}?tasks=delete"));
        Assert.Equal(HttpStatusCode.OK, (await s.MemberClient.SendAsync(HttpExtensions.Patch($"api/projects/{s.Project.Id}", new { position = 0 }))).StatusCode);
    }

    [Fact]
    public async Task SharingSaysWhatIsWrongWhenItCannotBeDone()
    {
        var s = await backend.SharedProjectAsync();

        using var unknown = await s.OwnerClient.ShareAsync(s.Project.Id, "nobody-by-this-name");
        Assert.Contains("no user called \"nobody-by-this-name\"", (await unknown.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        using var inbox = await s.OwnerClient.ShareAsync("inbox", s.Member.Username);
        Assert.Contains("Inbox", (await inbox.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        using var role = await s.OwnerClient.ShareAsync(s.Project.Id, s.Stranger.Username, "owner");
        Assert.Contains("editor or viewer", (await role.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        using var self = await s.OwnerClient.ShareAsync(s.Project.Id, s.Owner.Username);
        await self.ProblemAsync(HttpStatusCode.BadRequest);
        using var ownerLeaves = await s.OwnerClient.DeleteAsync($"api/projects/{s.Project.Id}/members/me");
        Assert.Contains("cannot leave", (await ownerLeaves.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ATaskIsAssignedToAMemberOnlyAndItsReminderGoesToThem()
    {
        var s = await backend.SharedProjectAsync();

        using var toStranger = await s.OwnerClient.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { assigneeId = s.Stranger.UserId }));
        Assert.True((await toStranger.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("assigneeId", out _));
        using var toMember = await s.OwnerClient.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { assigneeId = s.Member.UserId }));
        Assert.Equal(s.Member.UserId, (await toMember.ReadAsync<TaskDto>()).AssigneeId);

        var remindAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var byOwner = await s.OwnerClient.CreateTaskAsync(new CreateTaskRequest("assigned", Reminder: new ReminderDto(At: remindAt))
        {
            ProjectId = s.Project.Id,
            AssigneeId = s.Member.UserId,
        });
        var byMember = await s.MemberClient.CreateTaskAsync(new CreateTaskRequest("created by the member", Reminder: new ReminderDto(At: remindAt)) { ProjectId = s.Project.Id });

        var assigned = await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(byOwner.Id), TimeSpan.FromSeconds(20));
        var created = await backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(byMember.Id), TimeSpan.FromSeconds(20));
        Assert.Equal(s.Member.UserId, assigned.Data.GetProperty("userId").GetString());
        Assert.Equal(s.Member.UserId, created.Data.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task TaskEventsNameTheOwnerAsPartitionAndEveryoneWhoSeesTheProjectAsAudience()
    {
        var s = await backend.SharedProjectAsync();

        using var patched = await s.MemberClient.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { title = "changed by the member" }));
        patched.EnsureSuccessStatusCode();

        var updated = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Updated && e.IsAbout(s.Task.Id));
        Assert.Equal(s.Owner.UserId, updated.Data.GetProperty("userId").GetString());
        Assert.Equal(s.Member.UserId, updated.Data.GetProperty("actorId").GetString());
        Assert.Equal([s.Owner.UserId, s.Member.UserId], updated.Data.GetProperty("audience").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task MovingATaskOutOfASharedProjectOrDeletingTheProjectTellsItsMembersOnlyThatTheTaskIsGone()
    {
        var s = await backend.SharedProjectAsync();
        var mine = await s.OwnerClient.CreateProjectAsync("Just mine");
        var second = await s.OwnerClient.CreateTaskInAsync(s.Project.Id, "second");

        // Moved (and renamed in the same patch) into a project the member cannot see.
        using var moved = await s.OwnerClient.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { projectId = mine.Id, title = "a private title" }));
        moved.EnsureSuccessStatusCode();
        var move = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Updated && e.IsAbout(s.Task.Id));
        Assert.Equal([s.Owner.UserId], Audience(move));
        var gone = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Removed && e.IsAbout(s.Task.Id));
        Assert.Equal([s.Member.UserId], Audience(gone));
        // What the member is told is the task as they last saw it, in the shared project: not its new title or place.
        Assert.Equal(s.Task.Title, gone.Data.GetProperty("task").GetProperty("title").GetString());
        Assert.Equal(s.Project.Id, gone.Data.GetProperty("task").GetProperty("projectId").GetString());
        await AssertNotFound(s.MemberClient.GetAsync($"api/tasks/{s.Task.Id}"));

        (await s.OwnerClient.DeleteAsync($"api/projects/{s.Project.Id}?tasks=move&to=inbox")).EnsureSuccessStatusCode();
        var drained = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Updated && e.IsAbout(second.Id));
        Assert.Equal([s.Owner.UserId], Audience(drained));
        var drainedGone = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Removed && e.IsAbout(second.Id));
        Assert.Equal([s.Member.UserId], Audience(drainedGone));
        Assert.Equal(s.Project.Id, drainedGone.Data.GetProperty("task").GetProperty("projectId").GetString());
        Assert.DoesNotContain(await s.MemberClient.ProjectsAsync(), p => p.Id == s.Project.Id);
        await AssertNotFound(s.MemberClient.GetAsync($"api/tasks/{second.Id}"));
    }

    [Fact]
    public async Task MovingATaskBetweenTwoProjectsBothSharedWithTheMemberIsOneUpdateForEveryone()
    {
        var s = await backend.SharedProjectAsync();
        var other = await s.OwnerClient.CreateProjectAsync("Also shared");
        await s.OwnerClient.ShareOkAsync(other.Id, s.Member.Username, "editor");

        using var moved = await s.OwnerClient.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { projectId = other.Id }));
        moved.EnsureSuccessStatusCode();
        var move = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Updated && e.IsAbout(s.Task.Id));
        Assert.Equal(new[] { s.Owner.UserId, s.Member.UserId }.Order(), Audience(move).Order());
        // A later change of the same owner's task comes after anything the move published (one partition, in order).
        using var later = await s.OwnerClient.SendAsync(HttpExtensions.Patch($"api/tasks/{s.Task.Id}", new { title = "after the move" }));
        later.EnsureSuccessStatusCode();
        await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Updated && e.IsAbout(s.Task.Id) && e.Data.GetProperty("task").GetProperty("title").GetString() == "after the move");
        Assert.DoesNotContain(backend.Events, e => e.Type == TaskEventTypes.Removed && e.IsAbout(s.Task.Id));
    }

    private static IReadOnlyList<string?> Audience(ReceivedEvent e) => [.. e.Data.GetProperty("audience").EnumerateArray().Select(a => a.GetString())];

    private static async Task AssertNotFound(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task AssertForbidden(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }
}
