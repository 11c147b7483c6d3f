using Microsoft.Extensions.DependencyInjection;
using Todo.Contracts.Accounts;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;
using Todo.Web.Features.Tasks;
using Todo.Web.Tests.Hosting;

namespace Todo.Web.Tests.TaskList;

/// <summary>
/// A project's manual order (ADR 0016) kept in open tabs by the real backend's events, <c>com.todo.task.moved</c>
/// among them: after moves, a move into the project at a place, creates, completions and reopens, every list equals
/// a fresh read of its filter without having read the backend for any event. And a tab's own move, placed at once,
/// goes back when the backend refuses it.
/// </summary>
public sealed class ManualOrderLiveTests(WebStackFixture stack) : IClassFixture<WebStackFixture>
{
    [Fact]
    public async Task ListsInManualOrderKeptByEventsEqualAFreshReadAfterMovesCreatesCompletionsAndReopens()
    {
        var (backend, notifier, user) = await NewUserAsync();
        var work = await backend.CreateProjectAsync(user, new CreateProjectRequest("Work"));
        async Task<TaskDto> Create(string title, string? project = null) =>
            await backend.CreateTaskAsync(user, new CreateTaskRequest(title) { ProjectId = project ?? work.Id });

        var report = await Create("report");
        var slides = await Create("slides");
        var budget = await Create("budget");
        var email = await Create("email");
        var milk = await Create("milk", ProjectDto.InboxId);

        TaskFilter[] filters =
        [
            new(Project: work.Id, Sort: TaskFilterRules.ManualSort),
            new(Project: work.Id, Sort: TaskFilterRules.ManualSort, Status: "open"),
            new(Project: work.Id, Sort: TaskFilterRules.ManualSort, Text: "s"),
            new(Project: ProjectDto.InboxId, Sort: TaskFilterRules.ManualSort),
            // Not in manual order: a move changes nothing here.
            new(Project: work.Id, Sort: "title"),
        ];
        var lists = filters.Select(_ => new LiveTaskList(backend, user, TimeProvider.System, stack.WebServices.GetRequiredService<LiveTagReads>())).ToList();
        foreach (var (list, filter) in lists.Zip(filters))
        {
            await list.LoadAsync(filter);
        }

        var gate = new SemaphoreSlim(1, 1);
        var seen = new List<string>();
        var outcomes = new List<LiveOutcome>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = notifier.Subscribe(user.UserId, async (TaskChanged change) =>
        {
            await gate.WaitAsync();
            try
            {
                foreach (var list in lists)
                {
                    outcomes.Add(await list.ApplyAsync(change, DateTimeOffset.UtcNow, TimeZoneInfo.Utc));
                }

                seen.Add(change.Type);
                if (change.Type == TaskEventTypes.Created && change.Task.Title == "last one")
                {
                    last.TrySetResult();
                }
            }
            finally
            {
                gate.Release();
            }
        });

        await backend.MoveTaskAsync(user, email.Id, new MoveTaskRequest(report.Id));
        await backend.MoveTaskAsync(user, report.Id, new MoveTaskRequest(null));
        await backend.MoveTaskAsync(user, milk.Id, new MoveTaskRequest(slides.Id) { ProjectId = work.Id });
        await backend.UpdateTaskAsync(user, budget.Id, new UpdateTaskRequest { Title = "budget sheets", Present = new HashSet<string>(["title"]) });
        await backend.CompleteTaskAsync(user, slides.Id);
        await backend.MoveTaskAsync(user, budget.Id, new MoveTaskRequest(email.Id));
        await backend.ReopenTaskAsync(user, slides.Id);
        await Create("last one");

        await last.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, seen.Count(t => t == TaskEventTypes.Moved));
        foreach (var (list, filter) in lists.Zip(filters))
        {
            var fresh = new LiveTaskList(backend, user, TimeProvider.System);
            await fresh.LoadAsync(filter);
            Assert.True(fresh.Items.Select(t => t.Title).SequenceEqual(list.Items.Select(t => t.Title)),
                $"{filter.ToQueryString()}: tab [{string.Join(", ", list.Items.Select(t => t.Title))}], backend [{string.Join(", ", fresh.Items.Select(t => t.Title))}]");
            Assert.Equal(fresh.Total, list.Total);
        }

        Assert.Equal(["budget sheets", "email", "milk", "report", "slides", "last one"], lists[1].Items.Select(t => t.Title));
        Assert.DoesNotContain(LiveOutcome.Reloaded, outcomes);
    }

    [Fact]
    public async Task AMovePlacedAtOnceGoesBackWhenTheBackendRefusesIt()
    {
        var (backend, _, user) = await NewUserAsync();
        var a = await backend.CreateTaskAsync(user, new CreateTaskRequest("a"));
        var b = await backend.CreateTaskAsync(user, new CreateTaskRequest("b"));
        var c = await backend.CreateTaskAsync(user, new CreateTaskRequest("c"));
        var list = new LiveTaskList(backend, user, TimeProvider.System);
        await list.LoadAsync(new TaskFilter(Project: ProjectDto.InboxId, Sort: TaskFilterRules.ManualSort));

        var was = list.MoveLocally(c.Id, a.Id);
        Assert.NotNull(was);
        Assert.Equal(["c", "a", "b"], list.Items.Select(t => t.Title));
        // Completed meanwhile in another tab: the backend refuses to place it.
        await backend.CompleteTaskAsync(user, c.Id);
        await Assert.ThrowsAsync<BackendProblem>(() => backend.MoveTaskAsync(user, c.Id, new MoveTaskRequest(a.Id)));

        Assert.True(list.Restore(was));
        Assert.Equal(["a", "b", "c"], list.Items.Select(t => t.Title));
        Assert.Null(list.MoveLocally(b.Id, b.Id));
    }

    private async Task<(BackendClient Backend, LiveEventNotifier Notifier, SignedInUser User)> NewUserAsync()
    {
        var backend = stack.WebServices.GetRequiredService<BackendClient>();
        var profile = await backend.RegisterAsync(new RegisterRequest($"order-{Guid.NewGuid():N}"[..20], "correct horse battery staple"));
        return (backend, stack.WebServices.GetRequiredService<LiveEventNotifier>(), new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp));
    }
}
