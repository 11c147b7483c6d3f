using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Reminders;
using Todo.Contracts.Accounts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Xunit.Abstractions;

namespace Todo.Backend.Tests.Replicas;

/// <summary>Two backend pods (each a sidecar with its own pod name and a backend process) behind the one app id.</summary>
public sealed class TwoBackendPods : IAsyncLifetime
{
    public TwoBackendPods() => Backend = new BackendFixture
    {
        Pods = 2,
        ConfigureServices = services => services.AddHttpClient<ReminderJobs>().AddHttpMessageHandler(() => JobCall.Handler()),
    };

    public BackendFixture Backend { get; }

    /// <summary>A job call a test can hold up (one per fixture: the test using it runs once).</summary>
    public HeldJobCall JobCall { get; } = new();

    public Task InitializeAsync() => Backend.InitializeAsync();

    public Task DisposeAsync() => Backend.DisposeAsync();
}

/// <summary>
/// Issue 12, target 9: the backend as two replicas with nothing in memory that can diverge (docs/decisions/0015).
/// Calls through todo-web's sidecar are spread over both pods, as Kubernetes spreads them over a Service's pods; job
/// triggers go to one pod each; both processes share the one state store.
/// </summary>
public sealed class BackendReplicasTests(TwoBackendPods pods, ITestOutputHelper output) : IClassFixture<TwoBackendPods>
{
    private readonly BackendFixture _backend = pods.Backend;

    [Fact]
    public async Task ParallelCreatesAndPatchesOfOneUserOverBothPodsAllLandWithoutAConflict()
    {
        var (_, client) = await _backend.NewUserAsync();
        var before = _backend.Served.Count;

        var creates = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => client.PostJsonAsync("api/tasks", new CreateTaskRequest($"parallel {i}"))));
        var task = await client.CreateTaskAsync("patched on both pods");
        var patches = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { notes = $"writer {i}" }))));
        var page = await (await client.GetAsync("api/tasks?limit=500")).ReadAsync<TaskPage>();
        var final = await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>();

        var pods = _backend.Served.Skip(before).Where(s => s.Path.StartsWith("/api/tasks", StringComparison.Ordinal)).GroupBy(s => s.Pod)
            .ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"served: {string.Join(", ", pods.Select(p => $"{p.Key} {p.Value}"))}");
        Assert.Equal(2, pods.Count);
        Assert.All(creates, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.All(patches, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(51, page.Total);
        // Every PATCH bumped the version once: 1 at creation, then 20 changes, none lost between the pods.
        Assert.Equal("21", final.ETag);
    }

    [Fact]
    public async Task RemindersOfTasksCreatedOnBothPodsFireOnceEach()
    {
        var (_, client) = await _backend.NewUserAsync();
        var due = DateTimeOffset.UtcNow.AddSeconds(3);
        var tasks = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.CreateTaskAsync(new CreateTaskRequest($"reminded {i}", Reminder: new ReminderDto(At: due.AddMilliseconds(10 * i))))));

        foreach (var task in tasks)
        {
            await _backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id), TimeSpan.FromSeconds(20));
        }

        // A second firing would come within the scheduler's next tick; give it one before counting.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var ids = tasks.Select(t => t.Id).ToHashSet();
        var fired = _backend.Events.Where(e => e.Type == ReminderDue.EventType && ids.Any(e.IsAbout)).ToList();
        var triggers = _backend.Served.Where(s => s.Path.StartsWith("/job/reminder-", StringComparison.Ordinal) && ids.Contains(s.Path["/job/reminder-".Length..]))
            .ToList();
        output.WriteLine($"job triggers per pod: {string.Join(", ", triggers.GroupBy(t => t.Pod).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.Equal(20, fired.Count);
        Assert.Equal(20, fired.Select(e => e.Id).Distinct().Count());
        Assert.Equal(20, triggers.Count);
    }

    [Fact]
    public async Task FailedSignInsCountedOnEitherPodLockTheAccountOnBoth()
    {
        using var anonymous = _backend.Anonymous();
        var name = $"u{Guid.NewGuid():N}"[..24];
        (await anonymous.PostJsonAsync("api/accounts/register", new RegisterRequest(name, "long enough password"))).EnsureSuccessStatusCode();
        var before = _backend.Served.Count;
        for (var i = 0; i < 5; i++)
        {
            using var failed = await anonymous.PostJsonAsync("api/accounts/sign-in", new SignInRequest(name, "wrong password!"));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var counted = _backend.Served.Skip(before).Where(s => s.Path == "/api/accounts/sign-in").Select(s => s.Pod).Distinct().Count();
        foreach (var pod in new[] { 0, 1 })
        {
            using var direct = _backend.DirectToPod(pod);
            using var locked = await direct.PostJsonAsync("api/accounts/sign-in", new SignInRequest(name, "long enough password"));
            var problem = await locked.ProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Contains("try again", problem.GetProperty("detail").GetString());
        }

        Assert.Equal(2, counted);
    }

    [Fact]
    public async Task AReminderJobOvertakenByAnotherPodsCallStillEndsAtTheInstantTheTaskSays()
    {
        var (user, client) = await _backend.NewUserAsync();
        var first = DateTimeOffset.UtcNow.AddHours(2);
        var task = await client.CreateTaskAsync(new CreateTaskRequest("moved on both pods", Reminder: new ReminderDto(At: first)));
        using var pod0 = Direct(0, user);
        using var pod1 = Direct(1, user);

        // Pod 0 saves the reminder at +1 h and its job call is slow to land; meanwhile pod 1 saves +2 h and its job
        // call lands first. Pod 0's call then lands last, with the older instant.
        pods.JobCall.Arm(task.Id);
        var slow = pod0.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { reminder = new { at = first.AddHours(1) } }));
        await pods.JobCall.Held.WaitAsync(TimeSpan.FromSeconds(10));
        using var fast = await pod1.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { reminder = new { at = first.AddHours(2) } }));
        pods.JobCall.Release();
        using var slowAnswer = await slow;

        var final = await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (slowAnswer.StatusCode, fast.StatusCode));
        Assert.Equal(first.AddHours(2), final.Reminder?.At);
        Assert.Equal(ReminderJobProbe.ToJobPrecision(first.AddHours(2)), await ReminderJobProbe.DueTimeAsync(_backend, task.Id));
    }

    /// <summary>A client of one pod's backend process, as the user (calls through a pod's sidecar could reach either).</summary>
    private HttpClient Direct(int pod, UserProfile user)
    {
        var client = _backend.DirectToPod(pod);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _backend.UserTokenFor(user));
        client.DefaultRequestHeaders.Add("dapr-api-token", _backend.AppApiToken);
        return client;
    }
}
