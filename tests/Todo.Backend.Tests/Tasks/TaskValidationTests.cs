using System.Net;
using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.Tasks;

/// <summary>Every task rule answers 400 with a ProblemDetails naming the field and saying how to fix it.</summary>
public sealed class TaskValidationTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    public static TheoryData<string, string, string> InvalidTasks => new()
    {
        { """{"title":""}""", "title", "needs a title" },
        { """{"title":"   "}""", "title", "needs a title" },
        { $$"""{"title":"{{new string('x', 201)}}"}""", "title", "at most 200" },
        { $$"""{"title":"ok","notes":"{{new string('n', 4001)}}"}""", "notes", "at most 4,000" },
        { """{"title":"ok","priority":"urgent"}""", "priority", "wrong type or format" },
        { """{"title":"ok","tags":["a","b","c","d","e","f","g","h","i","j","k"]}""", "tags", "at most 10 tags" },
        { $$"""{"title":"ok","tags":["{{new string('t', 33)}}"]}""", "tags", "at most 32" },
        { """{"title":"ok","tags":["no/slash"]}""", "tags", "may only contain" },
        { """{"title":"ok","tags":[" # "]}""", "tags", "cannot be empty" },
        { """{"title":"ok","due":{"date":"1999-12-31"}}""", "due", "between 2000-01-01" },
        { """{"title":"ok","due":{"date":"31/12/2026"}}""", "due.date", "wrong type or format" },
        { """{"title":"ok","reminder":{"minutesBefore":10}}""", "reminder", "needs a due date" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"reminder":{}}""", "reminder", "not both or neither" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"reminder":{"at":"2030-01-01T00:00:00Z","minutesBefore":5}}""", "reminder", "not both or neither" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"reminder":{"minutesBefore":50000}}""", "reminder", "four weeks" },
        { """{"title":"ok","reminder":{"at":"2001-01-01T00:00:00Z"}}""", "reminder", "in the past" },
        { """{"title":"ok","recurrence":{"frequency":"daily"}}""", "recurrence", "needs a due date" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"recurrence":{"frequency":"daily","interval":0}}""", "recurrence", "interval" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"recurrence":{"frequency":"daily","days":["monday"]}}""", "recurrence", "only be chosen for a weekly" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"recurrence":{"frequency":"monthly","monthDay":32}}""", "recurrence", "between 1 and 31" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"recurrence":{"frequency":"weekly","count":0}}""", "recurrence", "number of occurrences" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"recurrence":{"frequency":"weekly","until":"2029-01-01"}}""", "recurrence", "ends before" },
        { """{"title":"ok","due":{"date":"2030-01-01"},"recurrence":{"frequency":"hourly"}}""", "recurrence.frequency", "wrong type or format" },
        { """["not","an","object"]""", "body", "JSON object" },
        { """{"title":""", "body", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidTasks))]
    public async Task AnInvalidTaskIsRejectedWithTheFieldAndAFix(string body, string field, string message)
    {
        var (_, client) = await backend.NewUserAsync();

        using var response = await client.PostAsync("api/tasks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var fieldErrors), $"no error for '{field}': {problem}");
        Assert.Contains(message, fieldErrors.EnumerateArray().First().GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"title":""}""", "title")]
    [InlineData("""{"owner":"someone"}""", "owner")]
    [InlineData("""{"due":{"date":"2030-02-01"},"reminder":{"minutesBefore":-1}}""", "reminder")]
    public async Task AnInvalidPatchIsRejectedAndChangesNothing(string patch, string field)
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync("unchanged");

        using var response = await client.PatchAsync($"api/tasks/{task.Id}", new StringContent(patch, System.Text.Encoding.UTF8, "application/json"));
        var after = await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<Todo.Contracts.Tasks.TaskDto>();

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(("unchanged", task.ETag), (after.Title, after.ETag));
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("priority=urgent", "priority")]
    [InlineData("due=yesterday", "due")]
    [InlineData("sort=color", "sort")]
    [InlineData("order=up", "order")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task AnInvalidListQueryNamesTheParameter(string query, string parameter)
    {
        var (_, client) = await backend.NewUserAsync();

        using var response = await client.GetAsync($"api/tasks?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task SnoozeNeedsAPositiveNumberOfMinutes()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync("snooze me");

        using var response = await client.PostJsonAsync($"api/tasks/{task.Id}/snooze", new { minutes = 0 });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TagsAreNormalised()
    {
        var (_, client) = await backend.NewUserAsync();

        var task = await client.CreateTaskAsync(new Todo.Contracts.Tasks.CreateTaskRequest("tags", Tags: ["#Work", "work", " Big Project "]));

        Assert.Equal(["work", "big-project"], task.Tags);
    }

    [Fact]
    public async Task EveryResponseCarriesTheETag()
    {
        var (_, client) = await backend.NewUserAsync();
        using var created = await client.PostJsonAsync("api/tasks", new { title = "etag" });
        var task = await created.ReadAsync<Todo.Contracts.Tasks.TaskDto>();

        using var read = await client.GetAsync($"api/tasks/{task.Id}");
        using var completed = await client.PostAsync($"api/tasks/{task.Id}/complete", null);

        Assert.Equal($"\"{task.ETag}\"", created.Headers.ETag?.Tag);
        Assert.Equal($"\"{task.ETag}\"", read.Headers.ETag?.Tag);
        Assert.NotEqual(read.Headers.ETag?.Tag, completed.Headers.ETag?.Tag);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(await completed.Content.ReadAsStringAsync()).RootElement.GetProperty("eTag").ValueKind);
    }
}
