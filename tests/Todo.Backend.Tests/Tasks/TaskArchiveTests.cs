using Dapr.Client;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Tasks;

/// <summary>
/// Completed tasks leave the index of open tasks for an archive of id pages (ADR 0010): the tasks page reads only the
/// open ones, the archive is browsed and searched newest first with a cursor, and an index stored in the old format
/// (every task id in one list) is migrated on its first read.
/// </summary>
public sealed class TaskArchiveTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task CompletingMovesATaskToTheArchiveAndReopeningMovesItBack()
    {
        var (user, client) = await backend.NewUserAsync();
        var keep = await client.CreateTaskAsync("stays open");
        var done = await client.CreateTaskAsync("gets done");
        (await client.PostAsync($"api/tasks/{done.Id}/complete", null)).EnsureSuccessStatusCode();

        var index = await ReadIndexAsync(user.UserId);
        Assert.Equal([keep.Id], index.TaskIds);
        Assert.Equal((1, 1), (index.ArchivePages, index.ArchivedCount));
        Assert.Equal(["stays open"], await Titles(client, "status=open"));
        Assert.Equal(["gets done"], await Titles(client, "status=completed"));
        Assert.Equal(["stays open", "gets done"], await Titles(client, "status=all"));

        (await client.PostAsync($"api/tasks/{done.Id}/reopen", null)).EnsureSuccessStatusCode();
        index = await ReadIndexAsync(user.UserId);
        Assert.Equal([keep.Id, done.Id], index.TaskIds);
        Assert.Equal(0, index.ArchivedCount);
        Assert.Empty(await Titles(client, "status=completed"));

        (await client.PostAsync($"api/tasks/{done.Id}/complete", null)).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"api/tasks/{done.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(0, (await ReadIndexAsync(user.UserId)).ArchivedCount);
        Assert.Empty(await Titles(client, "status=completed"));
    }

    [Fact]
    public async Task AnOldFormatIndexIsMigratedOnFirstReadAndItsCompletedTasksPageNewestFirst()
    {
        var (user, client) = await backend.NewUserAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        // 600 completed (three archive pages) and 5 open tasks, stored as the backend stored them before ADR 0010.
        var tasks = Enumerable.Range(0, 605).Select(i => Task(user.UserId, $"task {i:D3}", completedAt: i < 600 ? start.AddMinutes(i) : null)).ToList();
        await SeedOldFormatAsync(user.UserId, tasks.OrderBy(_ => Guid.NewGuid()).ToList());

        Assert.Equal(5, (await List(client, "status=open")).Total);
        var index = await ReadIndexAsync(user.UserId);
        Assert.Equal((TaskIndex.CurrentFormat, 5, 3, 600), (index.Format, index.TaskIds.Count, index.ArchivePages, index.ArchivedCount));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await List(client, $"status=completed&limit=70{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.Equal((600, false), (page.Total, page.TotalIsLowerBound));
            seen.AddRange(page.Items.Select(t => t.Title));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 600).Reverse().Select(i => $"task {i:D3}"), seen);

        // A migrated task carries no archive page; reopening finds it by a scan of the pages.
        var oldest = tasks[0];
        (await client.PostAsync($"api/tasks/{oldest.Id}/reopen", null)).EnsureSuccessStatusCode();
        Assert.Equal((6, 599), ((await ReadIndexAsync(user.UserId)).TaskIds.Count, (await ReadIndexAsync(user.UserId)).ArchivedCount));
        Assert.DoesNotContain("task 000", (await List(client, "status=completed&limit=1000")).Items.Select(t => t.Title));
    }

    [Fact]
    public async Task ASearchOfALongArchiveGoesOnPageByPageUntilItFindsTheOldestMatch()
    {
        var (user, client) = await backend.NewUserAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var tasks = Enumerable.Range(0, 2_500).Select(i => Task(user.UserId, i == 0 ? "the needle" : $"hay {i}", completedAt: start.AddMinutes(i))).ToList();
        await SeedOldFormatAsync(user.UserId, tasks);

        var pages = 0;
        var found = new List<string>();
        string? cursor = null;
        TaskPage page;
        do
        {
            page = await List(client, $"status=completed&q=NEEDLE{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.Equal(page.NextCursor is not null, page.TotalIsLowerBound);
            found.AddRange(page.Items.Select(t => t.Title));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["the needle"], found);
        Assert.Equal(1, page.Total);
        Assert.Equal((int)Math.Ceiling(2_500.0 / TaskListing.ArchiveScanBudget), pages);
    }

    [Theory]
    [InlineData("a:2147483647:2147483647:0", "status=completed")]
    [InlineData("a:2147483647:5:9", "status=all&q=x")]
    [InlineData("a:0:0:0", "status=open")]
    public async Task AHandMadeArchiveCursorGetsAPageNotAnError(string cursor, string query)
    {
        var (_, client) = await backend.NewUserAsync();
        var done = await client.CreateTaskAsync("done once");
        (await client.PostAsync($"api/tasks/{done.Id}/complete", null)).EnsureSuccessStatusCode();
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(cursor)).TrimEnd('=');

        using var response = await client.GetAsync($"api/tasks?{query}&cursor={encoded}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await response.ReadAsync<TaskPage>()).NextCursor);
    }

    private static TaskRecord Task(string userId, string title, DateTimeOffset? completedAt) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        UserId = userId,
        Title = title,
        Completed = completedAt is not null,
        CompletedAt = completedAt,
        CreatedAt = DateTimeOffset.UtcNow.AddDays(-60),
        UpdatedAt = completedAt ?? DateTimeOffset.UtcNow.AddDays(-60),
    };

    private DaprClient Dapr() => new DaprClientBuilder()
        .UseGrpcEndpoint(backend.Emulator[DaprNames.BackendAppId].GrpcEndpoint.ToString())
        .UseJsonSerializationOptions(TodoJson.Options)
        .Build();

    // The old format is the index record without its format field: the ids of every task, open or completed.
    private async Task SeedOldFormatAsync(string userId, IReadOnlyList<TaskRecord> tasks)
    {
        using var dapr = Dapr();
        foreach (var chunk in tasks.Chunk(200))
        {
            await dapr.SaveBulkStateAsync(DaprNames.StateStore,
                chunk.Select(t => new SaveStateItem<TaskRecord>(StateKeys.Task(userId, t.Id), t, etag: null!)).ToList());
        }

        await dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.TaskIndex(userId), new { taskIds = tasks.Select(t => t.Id).ToList() });
    }

    private async Task<TaskIndex> ReadIndexAsync(string userId)
    {
        using var dapr = Dapr();
        return (await dapr.GetStateAsync<TaskIndex>(DaprNames.StateStore, StateKeys.TaskIndex(userId)))!;
    }

    private static async Task<TaskPage> List(HttpClient client, string query) =>
        await (await client.GetAsync($"api/tasks?{query}")).ReadAsync<TaskPage>();

    private static async Task<List<string>> Titles(HttpClient client, string query) =>
        (await List(client, query)).Items.Select(t => t.Title).ToList();
}
