using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Contracts;
using Todo.Contracts.Events;

namespace Todo.Backend.Tests.Sharing;

/// <summary>
/// Project events (ADR 0011, step 2): every change of a project or its members is a CloudEvent on project-events with
/// a deterministic id and an audience of the members before and after it, so a removed member's tabs learn of it.
/// </summary>
public sealed class ProjectEventTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task EveryProjectAndMembershipChangeIsPublishedToTheMembersBeforeAndAfterIt()
    {
        var (owner, ownerClient) = await backend.NewUserAsync();
        var (bob, _) = await backend.NewUserAsync();
        var (carol, carolClient) = await backend.NewUserAsync();
        var project = await ownerClient.CreateProjectAsync("Trip");
        await ownerClient.CreateProjectAsync("Other");
        await ownerClient.ShareOkAsync(project.Id, bob.Username);
        await ownerClient.ShareOkAsync(project.Id, carol.Username, "viewer");
        using (var renamed = await ownerClient.SendAsync(HttpExtensions.Patch($"api/projects/{project.Id}", new { name = "Big trip", color = "#00ff00" })))
        {
            renamed.EnsureSuccessStatusCode();
        }

        using (var moved = await ownerClient.SendAsync(HttpExtensions.Patch($"api/projects/{project.Id}", new { position = 1 })))
        {
            moved.EnsureSuccessStatusCode();
        }

        await ownerClient.RemoveMemberAsync(project.Id, bob.UserId);
        await carolClient.RemoveMemberAsync(project.Id, "me");
        using (var deleted = await ownerClient.DeleteAsync($"api/projects/{project.Id}"))
        {
            deleted.EnsureSuccessStatusCode();
        }

        await backend.WaitForEventAsync(e => e.Type == ProjectEventTypes.Deleted && IsAbout(e, project.Id));
        var events = backend.Events.Where(e => e.Topic == "project-events" && IsAbout(e, project.Id)).ToList();

        Assert.Equal(
        [
            (ProjectEventTypes.Created, $"{project.Id}-v1-created"),
            (ProjectEventTypes.MemberAdded, $"{project.Id}-v2-memberadded"),
            (ProjectEventTypes.MemberAdded, $"{project.Id}-v3-memberadded"),
            (ProjectEventTypes.Updated, $"{project.Id}-v4-updated"),
            (ProjectEventTypes.Reordered, events[4].Id),
            (ProjectEventTypes.MemberRemoved, $"{project.Id}-v5-memberremoved"),
            (ProjectEventTypes.MemberLeft, $"{project.Id}-v6-memberleft"),
            (ProjectEventTypes.Deleted, $"{project.Id}-v8-deleted"),
        ], events.Select(e => (e.Type, e.Id)));
        Assert.All(events, e =>
        {
            Assert.Equal(owner.UserId, e.Data.GetProperty("ownerId").GetString());
            Assert.Equal(e.Id, e.Data.GetProperty("eventId").GetString());
            Assert.Equal(DaprNames.BackendAppId, e.Envelope.GetProperty("source").GetString());
        });

        Assert.Equal([owner.UserId], Audience(events[0]));
        // Bob joins: he is in the audience, so his open tabs show the project.
        Assert.Equal([owner.UserId, bob.UserId], Audience(events[1]));
        Assert.Equal((bob.UserId, "editor"), (events[1].Data.GetProperty("memberId").GetString(), events[1].Data.GetProperty("role").GetString()));
        Assert.Equal([owner.UserId, bob.UserId, carol.UserId], Audience(events[3]));
        Assert.Equal("Big trip", events[3].Data.GetProperty("name").GetString());
        // The order of a sidebar is its user's alone.
        Assert.Equal([owner.UserId], Audience(events[4]));
        // Removed and leaving members are still told, so their tabs drop the project.
        Assert.Equal([owner.UserId, bob.UserId, carol.UserId], Audience(events[5]));
        Assert.Equal(bob.UserId, events[5].Data.GetProperty("memberId").GetString());
        Assert.Equal([owner.UserId, carol.UserId], Audience(events[6]));
        Assert.Equal(carol.UserId, events[6].Data.GetProperty("actorId").GetString());
        Assert.Equal([owner.UserId], Audience(events[7]));
    }

    [Fact]
    public async Task ARepeatedShareWithTheSameRoleAndAFailedChangePublishNothing()
    {
        var (_, ownerClient) = await backend.NewUserAsync();
        var (bob, bobClient) = await backend.NewUserAsync();
        var project = await ownerClient.CreateProjectAsync("Quiet");
        await ownerClient.ShareOkAsync(project.Id, bob.Username);
        await ownerClient.ShareOkAsync(project.Id, bob.Username);
        using (var denied = await bobClient.SendAsync(HttpExtensions.Patch($"api/projects/{project.Id}", new { name = "Mine now" })))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
        }

        // A later change, so everything before it has arrived when it does (one partition: the owner's).
        using (var archived = await ownerClient.SendAsync(HttpExtensions.Patch($"api/projects/{project.Id}", new { archived = true })))
        {
            archived.EnsureSuccessStatusCode();
        }

        await backend.WaitForEventAsync(e => e.Type == ProjectEventTypes.Updated && IsAbout(e, project.Id));
        Assert.Equal(
            [ProjectEventTypes.Created, ProjectEventTypes.MemberAdded, ProjectEventTypes.Updated],
            backend.Events.Where(e => e.Topic == "project-events" && IsAbout(e, project.Id)).Select(e => e.Type));
    }

    private static bool IsAbout(ReceivedEvent e, string projectId) =>
        e.Data.TryGetProperty("projectId", out var id) && id.GetString() == projectId;

    private static List<string?> Audience(ReceivedEvent e) => [.. e.Data.GetProperty("audience").EnumerateArray().Select(a => a.GetString())];
}
