using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Tasks;
using Xunit.Abstractions;

namespace Todo.Backend.Tests.Tasks;

/// <summary>
/// Many writers of one user's list at the same moment (issue 12): the service's one optimistic-concurrency retry, with
/// jittered backoff, lets them all land instead of refusing some with 409.
/// </summary>
public sealed class TaskContentionTests(BackendFixture backend, ITestOutputHelper output) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task FiftyParallelCreatesForOneUserAllSucceed()
    {
        var (_, client) = await backend.NewUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => client.PostJsonAsync("api/tasks", new CreateTaskRequest($"parallel {i}"))));
        var page = await (await client.GetAsync("api/tasks?limit=500")).ReadAsync<TaskPage>();

        var statuses = Report("50 parallel creates", responses);
        Assert.Equal(HttpStatusCode.Created, Assert.Single(statuses.Keys));
        Assert.Equal(50, page.Total);
    }

    [Fact]
    public async Task TwentyParallelPatchesOfOneTaskWithoutIfMatchAllSucceed()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync("patched in parallel");

        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { notes = $"writer {i}" }))));
        var final = await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>();

        var statuses = Report("20 parallel PATCHes", responses);
        Assert.Equal(HttpStatusCode.OK, Assert.Single(statuses.Keys));
        // Every write bumped the version once: 1 at creation, then 20 changes.
        Assert.Equal("21", final.ETag);
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
