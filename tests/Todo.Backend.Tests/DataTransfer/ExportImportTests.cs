using System.Net;
using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Contracts;
using Todo.Contracts.DataTransfer;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.DataTransfer;

/// <summary>
/// Export and import of our own format through the real backend and the emulator's sidecars: everything a user owns
/// comes out (completed tasks and each task's project included), goes back into a fresh account unchanged, and the
/// CSV export is RFC 4180 and safe to open in a spreadsheet.
/// </summary>
public sealed class ExportImportTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task TheJsonExportHoldsEveryProjectAndTaskIncludingCompletedOnes()
    {
        var (_, client) = await backend.NewUserAsync();
        var work = await client.CreateProjectAsync("Work", "#3f51b5");
        var inWork = await client.CreateTaskInAsync(work.Id, "Write the report");
        var done = await client.CreateTaskAsync("Already done");
        await client.CompleteAsync(done);

        var export = await client.ExportJsonAsync();

        Assert.Equal((TodoExport.FormatName, TodoExport.CurrentVersion), (export.Format, export.Version));
        Assert.True(export.ExportedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal([("inbox", "Inbox", true), (work.Id, "Work", false)], export.Projects.Select(p => (p.Id, p.Name, p.IsInbox)));
        Assert.Equal("#3f51b5", export.Projects[1].Color);
        var report = Assert.Single(export.Tasks, t => t.Id == inWork.Id);
        Assert.Equal((work.Id, "Work", false), (report.ProjectId, report.Project, report.Completed));
        var completed = Assert.Single(export.Tasks, t => t.Id == done.Id);
        Assert.Equal((ProjectDto.InboxId, "Inbox", true), (completed.ProjectId, completed.Project, completed.Completed));
        Assert.NotNull(completed.CompletedAt);
    }

    [Fact]
    public async Task AJsonExportImportedIntoAFreshAccountGivesTheSameProjectsAndTasks()
    {
        var (_, alice) = await backend.NewUserAsync("Europe/Berlin");
        var work = await alice.CreateProjectAsync("Work", "#ff5722");
        var old = await alice.CreateProjectAsync("Old things");
        await alice.CreateTaskAsync(new CreateTaskRequest("Ship the release", "Tag it, then announce it", TaskPriority.High, ["release", "q1"],
            new DueDto(new DateOnly(2027, 1, 13), new TimeOnly(9, 30)), new ReminderDto(MinutesBefore: 15),
            new RecurrenceDto(RecurrenceFrequency.Weekly, 1, [DayOfWeek.Monday, DayOfWeek.Wednesday])) { ProjectId = work.Id });
        await alice.CreateTaskAsync(new CreateTaskRequest("Buy milk", null, TaskPriority.Low, ["groceries"], new DueDto(new DateOnly(2027, 1, 10))));
        await alice.CreateTaskAsync(new CreateTaskRequest("Pay rent", Due: new DueDto(new DateOnly(2027, 2, 1)),
            Recurrence: new RecurrenceDto(RecurrenceFrequency.Monthly, 1, MonthDay: 1)));
        var done = await alice.CreateTaskAsync(new CreateTaskRequest("Read the contract", Priority: TaskPriority.Medium) { ProjectId = work.Id });
        await alice.CompleteAsync(done);
        await alice.CreateTaskInAsync(old.Id, "Something from last year");
        using (var archive = await alice.SendAsync(HttpExtensions.Patch($"api/projects/{old.Id}", new { archived = true })))
        {
            archive.EnsureSuccessStatusCode();
        }

        var exported = await alice.ExportTextAsync("json");
        var (_, bob) = await backend.NewUserAsync("Europe/Berlin");
        var report = await bob.ImportAsync(exported, "application/json");

        Assert.Equal((TodoExport.FormatName, 5, 0, 2), (report.Format, report.Created, report.Errors.Count, report.ProjectsCreated));
        var before = await alice.ExportJsonAsync();
        var after = await bob.ExportJsonAsync();
        Assert.Equal(before.Projects.Select(p => (p.Name, p.Color, p.Archived, p.IsInbox)), after.Projects.Select(p => (p.Name, p.Color, p.Archived, p.IsInbox)));
        Assert.Equal(Fingerprints(before), Fingerprints(after));
    }

    [Fact]
    public async Task AnExportOfMoreTasksThanOnePageHoldsEachTaskOnce()
    {
        var (_, client) = await backend.NewUserAsync();
        var count = 1_050; // more than one page of the listing (1,000), so the export walks on with the cursor
        var file = new TodoExport(TodoExport.FormatName, 1, DateTimeOffset.UtcNow, [],
            [.. Enumerable.Range(1, count).Select(i => new ExportedTask($"t{i}", "inbox", "Inbox", $"task {i}", null, TaskPriority.None, [], null, null, null,
                Completed: i % 10 == 0, null, DateTimeOffset.UtcNow))]);

        var report = await client.ImportAsync(JsonSerializer.Serialize(file, TodoJson.Options), "application/json");
        var export = await client.ExportJsonAsync();

        Assert.Equal(count, report.Created);
        Assert.Equal(count, export.Tasks.Select(t => t.Id).Distinct().Count());
        Assert.Equal(count / 10, export.Tasks.Count(t => t.Completed));
        Assert.Equal(count + 1, (await client.ExportTextAsync("csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task TheCsvExportQuotesAsRfc4180AndDefusesFormulas()
    {
        var (_, client) = await backend.NewUserAsync();
        var formula = await client.CreateTaskAsync(new CreateTaskRequest("=HYPERLINK(\"http://evil\",\"click\")", "first line, with a comma\nsecond line"));
        var plus = await client.CreateTaskAsync(new CreateTaskRequest("+1 for the idea"));
        await client.CreateTaskAsync("-minus and @at are data too");

        var csv = await client.ExportTextAsync("csv");

        Assert.StartsWith("id,project,title,notes,priority,tags,due_date,due_time,reminder_at,reminder_minutes_before,recurrence,completed,completed_at,created_at\r\n", csv);
        Assert.Contains($"{formula.Id},Inbox,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",\"first line, with a comma\nsecond line\",none,", csv);
        Assert.Contains($"{plus.Id},Inbox,'+1 for the idea,,none,", csv);
        Assert.Contains(",'-minus and @at are data too,", csv);
        Assert.DoesNotContain(",=", csv);
    }

    [Fact]
    public async Task AnUnknownExportFormatIsAProblem()
    {
        var (_, client) = await backend.NewUserAsync();
        using var response = await client.GetAsync("api/export?format=xml");
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("json or csv", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RepeatingAnImportWithTheSameIdAnswersTheFirstReportAndCreatesNothing()
    {
        var (_, client) = await backend.NewUserAsync();
        var file = JsonSerializer.Serialize(new TodoExport(TodoExport.FormatName, 1, DateTimeOffset.UtcNow, [],
            [new ExportedTask("a", "inbox", "Inbox", "only once", null, TaskPriority.None, [], null, null, null, false, null, DateTimeOffset.UtcNow)]), TodoJson.Options);

        var first = await client.ImportAsync(file, "application/json", importId: "upload-1");
        var again = await client.ImportAsync(file, "application/json", importId: "upload-1");
        var sameFileNoId = await client.ImportAsync(file, "application/json");
        var sameFileNoIdAgain = await client.ImportAsync(file, "application/json");

        Assert.Equal((1, false), (first.Created, first.Repeated));
        Assert.Equal((1, true, "upload-1"), (again.Created, again.Repeated, again.ImportId));
        Assert.Equal((1, false), (sameFileNoId.Created, sameFileNoId.Repeated));
        Assert.True(sameFileNoIdAgain.Repeated);
        Assert.Equal(2, (await client.TasksAsync("status=all")).Total);
    }

    [Theory]
    [InlineData("application/json", "{ \"format\": \"todo-export\", ", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("application/json", "{ \"format\": \"something-else\", \"version\": 1, \"tasks\": [] }", HttpStatusCode.BadRequest, "not a Todo export")]
    [InlineData("application/json", "{ \"format\": \"todo-export\", \"version\": 2, \"tasks\": [] }", HttpStatusCode.BadRequest, "version 2")]
    [InlineData("application/json", "{ \"format\": \"todo-export\", \"version\": \"1\", \"tasks\": [] }", HttpStatusCode.BadRequest, "no valid \"version\"")]
    [InlineData("text/csv", "TYPE,CONTENT\r\ntask,\"never closed\r\n", HttpStatusCode.BadRequest, "Line 2: a quoted field is never closed")]
    [InlineData("text/csv", "name,when\r\nsomething,today\r\n", HttpStatusCode.BadRequest, "not a Todoist export")]
    [InlineData("text/csv", "id,project,title,notes,priority,tags,due_date,due_time,reminder_at,reminder_minutes_before,recurrence,completed,completed_at,created_at\r\n", HttpStatusCode.BadRequest, "JSON export instead")]
    [InlineData("text/csv", "", HttpStatusCode.BadRequest, "empty")]
    public async Task ABadFileIsAProblemThatSaysWhatIsWrong(string contentType, string body, HttpStatusCode status, string says)
    {
        var (_, client) = await backend.NewUserAsync();
        using var response = await client.PostImportAsync(body, contentType);
        var problem = await response.ProblemAsync(status);
        Assert.Contains(says, problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await client.TasksAsync("status=all")).Total);
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRefusedWith413()
    {
        var (_, client) = await backend.NewUserAsync();
        using var response = await client.PostImportAsync("TYPE,CONTENT\r\n" + new string('x', (3 * 1024 * 1024) + (32 * 1024)), "text/csv");
        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger than", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AFileLargerThanTheApiDefaultButUnderTheImportLimitIsImported()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = new ExportedTask("a", "inbox", "Inbox", "from a big file", null, TaskPriority.None, [], null, null, null, false, null, DateTimeOffset.UtcNow);
        var file = JsonSerializer.Serialize(new TodoExport(TodoExport.FormatName, 1, DateTimeOffset.UtcNow, [], [task]), TodoJson.Options);

        // 2 MiB of whitespace: over the 1 MiB other API routes take, under the import's 3 MiB.
        var report = await client.ImportAsync(file.Insert(1, new string(' ', 2 * 1024 * 1024)), "application/json");

        Assert.Equal(1, report.Created);
    }

    /// <summary>What must survive a round trip, ids and timestamps aside, in a stable order.</summary>
    private static List<string> Fingerprints(TodoExport export) =>
        [.. export.Tasks
            .Select(t => JsonSerializer.Serialize(new { t.Title, t.Project, t.Notes, t.Priority, t.Tags, t.Due, t.Reminder, t.Recurrence, t.Completed }, TodoJson.Options))
            .Order(StringComparer.Ordinal)];
}
