using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Todo.Contracts.Accounts;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;
using Todo.Web.Features.Projects;
using Todo.Web.Features.Tasks;
using Todo.Web.Tests.Hosting;

namespace Todo.Web.Tests.Projects;

/// <summary>
/// Project lists and the sidebar's counts kept by the task events that the real todo-backend publishes and the
/// emulator delivers end up as a fresh read: a task moved out of a project leaves its list, one moved in joins it,
/// and every project's open count is the backend's.
/// </summary>
public sealed class ProjectListsAgainstTheBackendTests(WebStackFixture stack) : IClassFixture<WebStackFixture>
{
    [Fact]
    public async Task ProjectListsAndCountsKeptByEventsEqualAFreshReadAfterCreatesMovesCompletionsAndDeletes()
    {
        var backend = stack.WebServices.GetRequiredService<BackendClient>();
        var notifier = stack.WebServices.GetRequiredService<LiveEventNotifier>();
        var profile = await backend.RegisterAsync(new RegisterRequest($"proj-{Guid.NewGuid():N}"[..20], "correct horse battery staple"));
        var user = new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp);
        var zone = DueText.FindZone(profile.TimeZone);
        var groceries = await backend.CreateProjectAsync(user, new CreateProjectRequest("Groceries", "#299438"));
        var home = await backend.CreateProjectAsync(user, new CreateProjectRequest("Home"));

        Task<TaskDto> Create(string title, string project) =>
            backend.CreateTaskAsync(user, new CreateTaskRequest(title) { ProjectId = project });

        Task<TaskDto> Move(TaskDto task, string project) =>
            backend.UpdateTaskAsync(user, task.Id, new UpdateTaskRequest { ProjectId = project, Present = new HashSet<string>(["projectId"]) });

        // Made before this circuit started: its move cannot be counted from the event alone.
        var older = await Create("Old list", groceries.Id);

        var directory = new ProjectDirectory(backend, new CurrentUser(new Signed(user)), notifier, TimeProvider.System);
        await directory.EnsureLoadedAsync();
        TaskFilter[] filters = [new(Project: groceries.Id), new(Project: home.Id), new(Project: ProjectDto.InboxId, Status: "open"), new()];
        var lists = filters.Select(_ => new LiveTaskList(backend, user, TimeProvider.System)).ToList();
        foreach (var (list, filter) in lists.Zip(filters))
        {
            await list.LoadAsync(filter);
        }

        const int changes = 10;
        var received = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Subscribed after the directory, so each event reaches it first (the notifier calls a user's circuits in turn).
        using var subscription = notifier.Subscribe(user.UserId, async (TaskChanged change) =>
        {
            foreach (var list in lists)
            {
                await list.ApplyAsync(change, DateTimeOffset.UtcNow, zone);
            }

            if (Interlocked.Increment(ref received) == changes)
            {
                allArrived.TrySetResult();
            }
        });

        var milk = await Create("Buy milk", groceries.Id);
        var call = await Create("Call mom", ProjectDto.InboxId);
        var sweep = await Create("Sweep", home.Id);
        await Move(milk, home.Id);
        await Move(older, ProjectDto.InboxId);
        await backend.CompleteTaskAsync(user, sweep.Id);
        await backend.ReopenTaskAsync(user, sweep.Id);
        await backend.DeleteTaskAsync(user, call.Id);
        var bread = await Create("Buy bread", groceries.Id);
        await backend.CompleteTaskAsync(user, bread.Id);

        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var fresh = (await backend.ListProjectsAsync(user)).Items;
        Assert.Equal(fresh.Select(p => (p.Name, p.OpenCount)), directory.Projects.Select(p => (p.Name, p.OpenCount)));
        Assert.Equal([("Inbox", 1), ("Groceries", 0), ("Home", 2)], fresh.Select(p => (p.Name, p.OpenCount)));
        foreach (var (list, filter) in lists.Zip(filters))
        {
            var read = new LiveTaskList(backend, user, TimeProvider.System);
            await read.LoadAsync(filter);
            Assert.Equal(read.Items.Select(t => t.Title), list.Items.Select(t => t.Title));
            Assert.Equal(read.Total, list.Total);
        }

        Assert.Equal(["Buy milk", "Sweep"], lists[1].Items.Select(t => t.Title).Order());
        Assert.Equal(["Buy bread"], lists[0].Items.Select(t => t.Title));
    }

    private sealed class Signed(SignedInUser user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(user.ToPrincipal("test")));
    }
}
