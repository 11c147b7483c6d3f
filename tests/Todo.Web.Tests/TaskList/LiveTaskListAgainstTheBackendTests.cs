using Microsoft.Extensions.DependencyInjection;
using Todo.Contracts.Accounts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;
using Todo.Web.Features.Tasks;
using Todo.Web.Tests.Hosting;

namespace Todo.Web.Tests.TaskList;

/// <summary>
/// The lists of open tabs, kept by the task events that the real todo-backend publishes and the emulator delivers to
/// the real todo-web, end up exactly as a fresh read of the same filter: same rows in the same order, same total,
/// same tags. This is what makes <see cref="TaskFilterRules"/> agree with the backend's own filter and sort.
/// </summary>
public sealed class LiveTaskListAgainstTheBackendTests(WebStackFixture stack) : IClassFixture<WebStackFixture>
{
    private static readonly TaskFilter[] Filters =
    [
        new(),
        new(Status: "open"),
        new(Status: "completed"),
        new(Text: "milk", Sort: "title"),
        new(Priority: TaskPriority.High),
        new(Tag: "home", Sort: "created", Order: "desc"),
        new(Due: "week", Status: "open"),
        new(Due: "none"),
        new(Sort: "priority", Order: "desc"),
        new(Sort: "updated", Order: "desc", Status: "open"),
        new(Sort: "due", Order: "desc"),
    ];

    [Fact]
    public async Task ListsKeptByEventsEqualAFreshReadAfterCreatesEditsCompletionsReopensAndDeletes()
    {
        var backend = stack.WebServices.GetRequiredService<BackendClient>();
        var notifier = stack.WebServices.GetRequiredService<LiveEventNotifier>();
        var profile = await backend.RegisterAsync(new RegisterRequest($"live-{Guid.NewGuid():N}"[..20], "correct horse battery staple"));
        var user = new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp);
        var zone = DueText.FindZone(profile.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);

        async Task<TaskDto> Create(string title, TaskPriority priority, string[] tags, int? inDays) =>
            await backend.CreateTaskAsync(user, new CreateTaskRequest(title, null, priority, tags, inDays is { } d ? new DueDto(today.AddDays(d)) : null));

        var milk = await Create("Buy milk", TaskPriority.High, ["home", "shop"], 1);
        var cow = await Create("Milk the cow", TaskPriority.Low, ["farm"], 3);
        var rent = await Create("Pay rent", TaskPriority.High, ["home"], 20);
        var plants = await Create("Water plants", TaskPriority.None, [], null);
        var call = await Create("Call mom", TaskPriority.Medium, ["family"], 0);
        await Create("Read a book", TaskPriority.None, ["home"], null);

        var lists = Filters.Select(_ => new LiveTaskList(backend, user, TimeProvider.System, stack.WebServices.GetRequiredService<LiveTagReads>())).ToList();
        foreach (var (list, filter) in lists.Zip(Filters))
        {
            await list.LoadAsync(filter);
        }

        var gate = new SemaphoreSlim(1, 1);
        var received = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int changes = 9;
        var outcomes = new List<LiveOutcome>();
        using var subscription = notifier.Subscribe(user.UserId, async (TaskChanged change) =>
        {
            await gate.WaitAsync();
            try
            {
                foreach (var list in lists)
                {
                    outcomes.Add(await list.ApplyAsync(change, DateTimeOffset.UtcNow, zone));
                }

                if (++received == changes)
                {
                    allArrived.TrySetResult();
                }
            }
            finally
            {
                gate.Release();
            }
        });

        var edit = new HashSet<string>(["title", "priority", "tags", "due"], StringComparer.OrdinalIgnoreCase);
        await backend.UpdateTaskAsync(user, call.Id, new UpdateTaskRequest { Title = "Call mom about milk", Priority = TaskPriority.High, Tags = ["family"], Due = new DueDto(today.AddDays(2)), Present = edit });
        await backend.UpdateTaskAsync(user, cow.Id, new UpdateTaskRequest { Title = "Feed the cow", Priority = TaskPriority.Low, Tags = ["farm", "home"], Due = null, Present = edit });
        await backend.CompleteTaskAsync(user, milk.Id);
        await backend.CompleteTaskAsync(user, plants.Id);
        await backend.ReopenTaskAsync(user, plants.Id);
        await backend.DeleteTaskAsync(user, rent.Id);
        await Create("Buy more milk", TaskPriority.Medium, ["shop"], 5);
        await Create("Sweep", TaskPriority.High, ["home"], null);
        await backend.CompleteTaskAsync(user, call.Id);

        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var (list, filter) in lists.Zip(Filters))
        {
            var fresh = new LiveTaskList(backend, user, TimeProvider.System);
            await fresh.LoadAsync(filter);
            var what = filter.ToQueryString();
            Assert.Equal(fresh.Items.Select(t => t.Title), list.Items.Select(t => t.Title));
            Assert.True(fresh.Total == list.Total, $"{what}: total {list.Total}, backend {fresh.Total}");
            Assert.Equal(fresh.Tags, list.Tags);
        }

        // Everything fitted on one page, so every event was placed without reading the list again.
        Assert.DoesNotContain(LiveOutcome.Reloaded, outcomes);
    }
}
