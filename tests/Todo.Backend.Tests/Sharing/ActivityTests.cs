using System.Net;
using Dapr.Client;
using Todo.Backend.Features.Activity;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Contracts;
using Todo.Contracts.Projects;

namespace Todo.Backend.Tests.Sharing;

/// <summary>
/// A project's activity (issue 15 item 7): built from the task events by the backend's own subscriber, who did what,
/// newest first, for members only, bounded, de-duplicated by event id, and gone with its project.
/// </summary>
public sealed class ActivityTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AProjectsActivitySaysWhoDidWhatNewestFirst()
    {
        var s = await backend.SharedProjectAsync();
        await s.MemberClient.CompleteAsync(s.Task);
        var added = await s.MemberClient.CreateTaskInAsync(s.Project.Id, "fix the tap");
        await s.OwnerClient.CreateTaskAsync("in the inbox, not in any activity");

        var activity = await EventuallyAsync(s.OwnerClient, s.Project.Id, entries => entries.Count >= 4);

        Assert.Equal(
        [
            (s.Member.Username, "created", "fix the tap"), (s.Member.Username, "completed", "buy soap"), (s.Owner.Username, "shared", ""),
            (s.Owner.Username, "created", "buy soap"),
        ], activity.Select(e => (e.ActorName, e.Action, e.TaskTitle)));
        Assert.Equal(added.Id, activity[0].TaskId);
        Assert.Equal(activity.Select(e => e.At).OrderDescending(), activity.Select(e => e.At));
        Assert.Equal(activity.Count, (await ReadAsync(s.MemberClient, s.Project.Id)).Count);
        using var stranger = await s.StrangerClient.GetAsync($"api/projects/{s.Project.Id}/activity");
        await stranger.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ReadAsync(s.OwnerClient, "inbox"));
    }

    [Fact]
    public async Task TheActivitySaysWhoSharedTheProjectWithWhomWhoWasRemovedAndWhoLeft()
    {
        var s = await backend.SharedProjectAsync();
        var (carol, carolClient) = await backend.NewUserAsync();
        await s.OwnerClient.ShareOkAsync(s.Project.Id, carol.Username, "viewer");
        await s.OwnerClient.RemoveMemberAsync(s.Project.Id, s.Member.UserId);
        // A rename is the project's own business, not part of who did what with its tasks and people; the leave after
        // it comes later on the same partition, so once it is recorded the rename has been handled.
        using (var renamed = await s.OwnerClient.SendAsync(HttpExtensions.Patch($"api/projects/{s.Project.Id}", new { name = "Renamed" })))
        {
            renamed.EnsureSuccessStatusCode();
        }

        await carolClient.RemoveMemberAsync(s.Project.Id, "me");

        var activity = await EventuallyAsync(s.OwnerClient, s.Project.Id, entries => entries.Count >= 5);

        Assert.Equal(
        [
            (carol.Username, "left", carol.Username, null), (s.Owner.Username, "removed", s.Member.Username, null),
            (s.Owner.Username, "shared", carol.Username, "viewer"), (s.Owner.Username, "shared", s.Member.Username, "editor"),
            (s.Owner.Username, "created", null, null),
        ], activity.Select(e => (e.ActorName, e.Action, e.MemberName, e.Role)));
    }

    [Fact]
    public async Task TheActivityKeepsTheLastEntriesOnceEachAndGoesWithItsProject()
    {
        var (_, client) = await backend.NewUserAsync();
        var project = await client.CreateProjectAsync("Long lived");
        using var dapr = backend.StateClient();
        var store = new ActivityStore(dapr);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < ActivityStore.MaxEntries + 5; i++)
        {
            Assert.True(await store.AddAsync(project.Id, new ActivityEntry($"e{i}", start.AddSeconds(i), "someone", "updated", "t", $"change {i}"), CancellationToken.None));
        }

        Assert.True(await store.AddAsync(project.Id, new ActivityEntry("e204", start.AddSeconds(204), "someone", "updated", "t", "again"), CancellationToken.None));
        var entries = await store.ReadAsync(project.Id, CancellationToken.None);
        Assert.Equal(ActivityStore.MaxEntries, entries.Count);
        Assert.Equal(("e204", "e5"), (entries[0].EventId, entries[^1].EventId));

        (await client.DeleteAsync($"api/projects/{project.Id}")).EnsureSuccessStatusCode();
        Assert.Empty(await store.ReadAsync(project.Id, CancellationToken.None));
    }

    private static async Task<IReadOnlyList<ActivityEntryDto>> ReadAsync(HttpClient client, string projectId)
    {
        using var response = await client.GetAsync($"api/projects/{projectId}/activity");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"activity answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadAsync<ActivityList>()).Items;
    }

    /// <summary>The activity once <paramref name="done"/> holds: the subscriber writes it after the events arrive.</summary>
    private static async Task<IReadOnlyList<ActivityEntryDto>> EventuallyAsync(HttpClient client, string projectId, Func<IReadOnlyList<ActivityEntryDto>, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var entries = await ReadAsync(client, projectId);
            if (done(entries) || DateTimeOffset.UtcNow > deadline)
            {
                return entries;
            }

            await tick.WaitForNextTickAsync();
        }
    }
}
