using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Tasks;
using Xunit.Abstractions;

namespace Todo.Backend.Tests.Tasks;

/// <summary>On the in-memory state store.</summary>
public sealed class TaskContentionTests(BackendFixture backend, ITestOutputHelper output)
    : TaskContention(backend, output), IClassFixture<BackendFixture>;

/// <summary>On the SQLite state store, whose writes take longer, so races last longer.</summary>
public sealed class TaskContentionOnSqliteTests(Accounts.AccountDeletionTests.SqliteBackend sqlite, ITestOutputHelper output)
    : TaskContention(sqlite.Backend, output), IClassFixture<Accounts.AccountDeletionTests.SqliteBackend>;

/// <summary>
/// Many writers of one user's list at the same moment (issue 12), spread over two backend replicas on one state store:
/// the service's one optimistic-concurrency retry, with jittered backoff, lets them all land instead of refusing some
/// with 409.
/// </summary>
public abstract class TaskContention(BackendFixture backend, ITestOutputHelper output)
{
    [Fact]
    public async Task FiftyParallelCreatesForOneUserAllSucceed()
    {
        var (user, client) = await backend.NewUserAsync();
        using var replica = Replica(user);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            (i % 2 == 0 ? client : replica).PostJsonAsync("api/tasks", new CreateTaskRequest($"parallel {i}"))));
        output.WriteLine($"50 parallel creates took {clock.ElapsedMilliseconds} ms");
        var page = await (await client.GetAsync("api/tasks?limit=500")).ReadAsync<TaskPage>();

        var statuses = Report("50 parallel creates", responses);
        Assert.Equal(HttpStatusCode.Created, Assert.Single(statuses.Keys));
        Assert.Equal(50, page.Total);
    }

    [Fact]
    public async Task TwentyParallelPatchesOfOneTaskWithoutIfMatchAllSucceed()
    {
        var (user, client) = await backend.NewUserAsync();
        using var replica = Replica(user);
        var task = await client.CreateTaskAsync("patched in parallel");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            (i % 2 == 0 ? client : replica).SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { notes = $"writer {i}" }))));
        output.WriteLine($"20 parallel PATCHes took {clock.ElapsedMilliseconds} ms");
        var final = await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>();

        var statuses = Report("20 parallel PATCHes", responses);
        Assert.Equal(HttpStatusCode.OK, Assert.Single(statuses.Keys));
        // Every write bumped the version once: 1 at creation, then 20 changes.
        Assert.Equal("21", final.ETag);
    }

    /// <summary>A second backend replica on the same sidecar and store, called directly as the same user.</summary>
    private HttpClient Replica(Todo.Contracts.Accounts.UserProfile user)
    {
        var replica = backend.StartReplica();
        replica.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", backend.UserTokenFor(user));
        replica.DefaultRequestHeaders.Add("dapr-api-token", backend.AppApiToken);
        return replica;
    }

    private Dictionary<HttpStatusCode, int> Report(string what, HttpResponseMessage[] responses)
    {
        var statuses = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{what}: {string.Join(", ", statuses.Select(s => $"{s.Value} x {(int)s.Key}"))}");
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.NotNull(response.Headers.RetryAfter);
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }

        return statuses;
    }
}
