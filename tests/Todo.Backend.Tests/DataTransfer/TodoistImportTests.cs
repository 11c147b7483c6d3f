using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Contracts.DataTransfer;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.DataTransfer;

/// <summary>
/// Import of a Todoist project exported as CSV. The sample file (todoist-export.csv) is written from Todoist's own
/// description of the format ("Format a CSV file to import into Todoist", todoist.com help centre): the TYPE, CONTENT,
/// DESCRIPTION, PRIORITY, INDENT, AUTHOR, RESPONSIBLE, DATE, DATE_LANG, TIMEZONE columns plus the DURATION and
/// DEADLINE columns of newer exports, a note row under a task, a blank line and a section row, labels as @words, and
/// DATE as typed in Todoist.
/// </summary>
public sealed class TodoistImportTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ATodoistCsvBecomesTasksWithPrioritiesLabelsDatesRepeatsAndNotes()
    {
        var (_, client) = await backend.NewUserAsync("Europe/Berlin");

        var report = await client.ImportAsync(DataTransferApi.TodoistSample(), "text/csv");

        Assert.Equal((ImportReport.TodoistCsv, 6, 2), (report.Format, report.Created, report.Skipped));
        var error = Assert.Single(report.Errors);
        Assert.Equal(11, error.Row); // the task without CONTENT, counting the header as line 1
        Assert.Contains("title", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(report.Warnings, w => w.Row == 6 && w.Message.Contains("INDENT 2"));
        Assert.Contains(report.Warnings, w => w.Row == 10 && w.Message.Contains("der 3. Juni") && w.Message.Contains("DATE_LANG de"));

        var tasks = (await client.AllTasksAsync("status=all")).ToDictionary(t => t.Title);
        Assert.Equal(6, tasks.Count);

        var passport = tasks["Renew passport"];
        Assert.Equal((TaskPriority.High, new DueDto(new DateOnly(2026, 12, 24))), (passport.Priority, passport.Due));
        Assert.Equal(["errands"], passport.Tags);
        Assert.Equal("Bring two photos, the old passport and form \"P-2\"\n\nThe appointment confirmation arrives by email", passport.Notes);

        var plants = tasks["Water the plants"];
        Assert.Equal(TaskPriority.None, plants.Priority); // Todoist's p4
        Assert.Equal(RecurrenceFrequency.Weekly, plants.Recurrence?.Frequency);
        Assert.Equal(DayOfWeek.Monday, plants.Due!.Date.DayOfWeek);

        Assert.Equal(TaskPriority.Low, tasks["=SUM(A1:A2) is not a formula"].Priority); // p3
        Assert.Equal(TaskPriority.Medium, tasks["Pack the charger"].Priority); // p2

        var grandma = tasks["Call grandma"];
        Assert.Equal(["weekend", "family", "phone"], grandma.Tags); // the section's name, then the labels
        Assert.Equal(new TimeOnly(17, 0), grandma.Due?.Time);
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Date).AddDays(1), grandma.Due?.Date);

        Assert.Null(tasks["Pick up the dry cleaning"].Due);
    }

    [Fact]
    public async Task ATodoistCsvGoesIntoTheNamedProjectReusingOneOfThatName()
    {
        var (_, client) = await backend.NewUserAsync();
        var existing = await client.CreateProjectAsync("Home");

        var report = await client.ImportAsync(DataTransferApi.TodoistSample(), "text/csv", project: "home");

        Assert.Equal(0, report.ProjectsCreated);
        Assert.Equal(6, (await client.TasksAsync($"project={existing.Id}")).Total);
        Assert.Equal(0, (await client.TasksAsync("project=inbox")).Total);
    }

    [Fact]
    public async Task AMultipartUploadIsReadLikeARawBody()
    {
        var (_, client) = await backend.NewUserAsync();
        using var content = DataTransferApi.Multipart(DataTransferApi.TodoistSample(), "Groceries.csv", "text/csv");

        using var response = await client.PostAsync("api/import", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, (await response.ReadAsync<ImportReport>()).Created);
    }
}
