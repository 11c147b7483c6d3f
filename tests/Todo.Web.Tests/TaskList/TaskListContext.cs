using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests.TaskList;

/// <summary>
/// The tasks page as an interactive circuit of user u1 sees it: a real <see cref="BackendClient"/> over the
/// <see cref="RecordingBackend"/>, a real <see cref="LiveEventNotifier"/> shared by every tab rendered here.
/// </summary>
public abstract class TaskListContext : MudTestContext
{
    internal const string UserId = "u1";
    private int _sequence;

    protected TaskListContext()
    {
        Backend = new RecordingBackend(Clock);
        var signalR = new ServiceCollection().AddLogging();
        signalR.AddSignalR();
        var hub = signalR.BuildServiceProvider().GetRequiredService<IHubContext<NotificationsHub>>();
        Notifier = new LiveEventNotifier(hub, Clock, NullLogger<LiveEventNotifier>.Instance);
        Services.AddSingleton(Backend.Client);
        Services.AddSingleton(Notifier);
        Services.AddSingleton(new LiveTagReads(Backend.Client, Clock));
        Services.AddScoped<CurrentUser>();
        Services.AddScoped<Todo.Web.Features.Projects.ProjectDirectory>();
        var auth = AddAuthorization();
        auth.SetAuthorized("ann");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    internal RecordingBackend Backend { get; }

    internal LiveEventNotifier Notifier { get; }

    internal static SignedInUser User => new(UserId, "ann", "Ann");

    /// <summary>A task of u1 with a unique id (t0001, t0002, …), version 1.</summary>
    internal TaskDto NewTask(string title, DateTimeOffset? dueAt = null, IReadOnlyList<string>? tags = null, TaskPriority priority = TaskPriority.None)
    {
        var n = Interlocked.Increment(ref _sequence);
        // Written now (later tasks a tick later, so creation order is the order of the calls).
        var created = Clock.GetUtcNow().AddTicks(n);
        return new TaskDto($"t{n:D4}", title, null, priority, tags ?? [],
            dueAt is { } at ? new DueDto(DateOnly.FromDateTime(at.UtcDateTime), TimeOnly.FromDateTime(at.UtcDateTime)) : null, dueAt,
            null, null, null, null, false, null, created, created, "1");
    }

    /// <summary>The next version of a task, as the backend stores it after a change.</summary>
    internal TaskDto Next(TaskDto task, Func<TaskDto, TaskDto> change) => change(task) with
    {
        ETag = (long.Parse(task.ETag) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        UpdatedAt = Clock.GetUtcNow(),
    };

    /// <summary>The event todo-backend publishes for a change (deterministic id: task, version, type).</summary>
    internal TaskChanged Event(string type, TaskDto task) =>
        new($"{task.Id}-v{task.ETag}-{type[(type.LastIndexOf('.') + 1)..]}", type, UserId, task, Clock.GetUtcNow());

    /// <summary>A list of u1 as the page keeps it, over the recording backend, read once for <paramref name="filter"/>.</summary>
    internal async Task<LiveTaskList> LoadedListAsync(TaskFilter filter, LiveTagReads? shared = null)
    {
        var list = new LiveTaskList(Backend.Client, User, Clock, shared);
        await list.LoadAsync(filter);
        return list;
    }

    /// <summary>Lets time pass after tabs read their lists, so a change is plainly later than their tag counts.</summary>
    internal void Later() => Clock.Advance(LiveTaskList.ClockMargin * 3);

    /// <summary>Opens the page (a tab) with the given query parameters and waits until the list is shown.</summary>
    internal IRenderedComponent<Tasks> OpenTab(string query = "")
    {
        // The page reads its filter from the URL ([SupplyParameterFromQuery]), so the tab opens at that address.
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/{(query.Length > 0 ? "?" + query : "")}");
        var tab = Render<Tasks>();
        tab.WaitForAssertion(() => Assert.Equal("true", tab.Find("#tasks-ready").GetAttribute("data-ready")), TimeSpan.FromSeconds(10));
        Later();
        return tab;
    }

    internal static IReadOnlyList<string> Titles(IRenderedComponent<Tasks> tab) =>
        [.. tab.FindAll(".task-row .task-title").Select(e => e.TextContent.Trim())];

    internal static string Count(IRenderedComponent<Tasks> tab) => tab.Find("#task-count").TextContent.Trim();
}
