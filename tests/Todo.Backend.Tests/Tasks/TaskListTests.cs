using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Tasks;

/// <summary>Filters, search, sort and paging of <c>GET /api/tasks</c>, with "today" in the user's own time zone.</summary>
public sealed class TaskListTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task FiltersCombineAndSearchIsCaseInsensitiveOverTitleNotesAndTags()
    {
        var (_, client) = await backend.NewUserAsync();
        await client.CreateTaskAsync(new CreateTaskRequest("Call the DENTIST", Priority: TaskPriority.High, Tags: ["health"]));
        await client.CreateTaskAsync(new CreateTaskRequest("Book flights", Notes: "ask about the dentist discount", Priority: TaskPriority.Low, Tags: ["travel"]));
        await client.CreateTaskAsync(new CreateTaskRequest("Pay rent", Priority: TaskPriority.High, Tags: ["bills", "home"]));
        var done = await client.CreateTaskAsync(new CreateTaskRequest("Dentist follow-up", Tags: ["health"]));
        await client.PostAsync($"api/tasks/{done.Id}/complete", null);

        var search = await List(client, "q=dentist");
        var searchAll = await List(client, "q=dentist&status=all");
        var completed = await List(client, "status=completed");
        var high = await List(client, "priority=high");
        var highOrLow = await List(client, "priority=high&priority=low");
        var tagged = await List(client, "tag=bills&tag=HOME");
        var tagSearch = await List(client, "q=TRAV");

        Assert.Equal(["Book flights", "Call the DENTIST"], search.Order());
        Assert.Equal(3, searchAll.Count);
        Assert.Equal(["Dentist follow-up"], completed);
        Assert.Equal(["Call the DENTIST", "Pay rent"], high.Order());
        Assert.Equal(3, highOrLow.Count);
        Assert.Equal(["Pay rent"], tagged);
        Assert.Equal(["Book flights"], tagSearch);
    }

    [Fact]
    public async Task DueFiltersUseTheUsersTimeZone()
    {
        // Pacific/Kiritimati is UTC+14: its "today" is often the UTC "tomorrow", which catches UTC-based date maths.
        var (_, client) = await backend.NewUserAsync("Pacific/Kiritimati");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        await client.CreateTaskAsync(new CreateTaskRequest("today", Due: new DueDto(today)));
        await client.CreateTaskAsync(new CreateTaskRequest("yesterday", Due: new DueDto(today.AddDays(-1))));
        await client.CreateTaskAsync(new CreateTaskRequest("in three days", Due: new DueDto(today.AddDays(3))));
        await client.CreateTaskAsync(new CreateTaskRequest("in ten days", Due: new DueDto(today.AddDays(10))));
        await client.CreateTaskAsync(new CreateTaskRequest("someday"));

        Assert.Equal(["today"], await List(client, "due=today"));
        Assert.Equal(["yesterday"], await List(client, "due=overdue"));
        Assert.Equal(["in three days", "today"], (await List(client, "due=week")).Order());
        Assert.Equal(["someday"], await List(client, "due=none"));
    }

    [Fact]
    public async Task SortingByDuePutsUndatedTasksLastAndOtherSortsWork()
    {
        var (_, client) = await backend.NewUserAsync();
        await client.CreateTaskAsync(new CreateTaskRequest("b later", Priority: TaskPriority.Low, Due: new DueDto(new DateOnly(2031, 1, 2))));
        await client.CreateTaskAsync(new CreateTaskRequest("c none", Priority: TaskPriority.High));
        await client.CreateTaskAsync(new CreateTaskRequest("a sooner", Priority: TaskPriority.Medium, Due: new DueDto(new DateOnly(2031, 1, 1), new TimeOnly(8, 0))));

        Assert.Equal(["a sooner", "b later", "c none"], await List(client, "sort=due"));
        Assert.Equal(["b later", "a sooner", "c none"], await List(client, "sort=due&order=desc"));
        Assert.Equal(["c none", "a sooner", "b later"], await List(client, "sort=priority&order=desc"));
        Assert.Equal(["a sooner", "b later", "c none"], await List(client, "sort=title"));
        Assert.Equal(["c none", "b later", "a sooner"], await List(client, "sort=title&order=desc"));
    }

    [Fact]
    public async Task CursorPagingWalksEveryTaskOnce()
    {
        var (_, client) = await backend.NewUserAsync();
        await Task.WhenAll(Enumerable.Range(1, 7).Select(i => client.CreateTaskAsync($"task {i}")));
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;

        do
        {
            var page = await (await client.GetAsync($"api/tasks?sort=created&limit=3{(cursor is null ? "" : $"&cursor={cursor}")}")).ReadAsync<TaskPage>();
            Assert.Equal(7, page.Total);
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(7, seen.Distinct().Count());
    }

    [Fact]
    public async Task TagsAreCountedOverOpenTasks()
    {
        var (_, client) = await backend.NewUserAsync();
        await client.CreateTaskAsync(new CreateTaskRequest("one", Tags: ["work", "urgent"]));
        await client.CreateTaskAsync(new CreateTaskRequest("two", Tags: ["work"]));
        var done = await client.CreateTaskAsync(new CreateTaskRequest("three", Tags: ["work", "old"]));
        await client.PostAsync($"api/tasks/{done.Id}/complete", null);

        var tags = await (await client.GetAsync("api/tags")).ReadAsync<List<TagCount>>();

        Assert.Equal([new TagCount("work", 2), new TagCount("urgent", 1)], tags);
    }

    private static async Task<List<string>> List(HttpClient client, string query) =>
        (await (await client.GetAsync($"api/tasks?{query}")).ReadAsync<TaskPage>()).Items.Select(t => t.Title).ToList();
}
