using Ical.Net;
using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// Settings → Data in the browser against the whole stack: a Todoist CSV export is uploaded and its tasks show on the
/// tasks page and in the downloaded exports, and the calendar feed address made there is fetched like a calendar app
/// would (no cookie) and read with Ical.Net, until it is revoked; the token stays out of every exported span.
/// </summary>
public sealed class DataTransferEndToEndTests(StackFixture stack) : IClassFixture<StackFixture>
{
    // A Todoist project exported as CSV, in the columns Todoist documents ("Format a CSV file to import into Todoist").
    private const string TodoistCsv =
        "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\r\n" +
        "task,Book the dentist @health,Ask for a morning slot,1,1,Evan (14781400),,tomorrow 9am,en,UTC\r\n" +
        "task,Water the plants,,4,1,Evan (14781400),,every monday,en,UTC\r\n" +
        "\r\n" +
        "section,Later,,,,,,,,\r\n" +
        "task,Sort the holiday photos,,3,1,Evan (14781400),,,en,UTC\r\n" +
        "note,Start with the beach ones,,,,Evan (14781400),,,,\r\n";

    [Fact]
    public async Task ATodoistCsvImportedInSettingsShowsOnTheTasksPageAndTheFeedCarriesItsDatedTasks()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "data");
        await page.GotoAsync("/settings");
        await WaitForCircuitAsync(page);
        var data = page.Locator("#settings-data");
        await Expect(data).ToBeVisibleAsync();

        var file = Path.Combine(Path.GetTempPath(), $"Todoist-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, TodoistCsv);
        try
        {
            await page.Locator("#import-file").SetInputFilesAsync(file);
            await Expect(page.Locator("#import-summary")).ToContainTextAsync("3 tasks imported", new() { Timeout = 15_000 });
        }
        finally
        {
            File.Delete(file);
        }

        await Expect(page.Locator("#import-summary")).ToContainTextAsync("0 errors");

        // The download buttons give the export files, streamed from the backend through todo-web.
        var json = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-json"));
        Assert.Matches(@"^todo-export-\d{4}-\d{2}-\d{2}\.json$", json.SuggestedFilename);
        using (var export = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync((await json.PathAsync())!)))
        {
            Assert.Equal("todo-export", export.RootElement.GetProperty("format").GetString());
            Assert.Equal(3, export.RootElement.GetProperty("tasks").GetArrayLength());
        }

        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        Assert.Equal(4, (await File.ReadAllTextAsync((await csv.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        await page.ClickAsync("#feed-create");
        var feedUrl = await page.Locator("#feed-url").InnerTextAsync();
        Assert.Matches(@"/ical/todo_ical_[A-Za-z0-9_-]+\.ics$", feedUrl);
        await data.ScrollIntoViewIfNeededAsync();
        await data.ScreenshotAsync(new LocatorScreenshotOptions { Path = Screenshots.PathFor("settings-data.png") });

        await page.GotoAsync("/");
        await WaitForTasksAsync(page);
        foreach (var title in new[] { "Book the dentist", "Water the plants", "Sort the holiday photos" })
        {
            await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = title })).ToBeVisibleAsync();
        }

        await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = "Book the dentist" }).Locator(".task-priority")).ToHaveTextAsync("high");

        // A calendar app: a plain GET of the address, without the cookie (a context of its own). Not a .NET HttpClient:
        // in this process the web's tracer would record that client's own span of the URL.
        await using var calendarApp = await stack.Browser.NewContextAsync();
        var answer = await calendarApp.APIRequest.GetAsync(feedUrl);
        Assert.Equal(200, answer.Status);
        var calendar = Calendar.Load(await answer.TextAsync())!;
        Assert.Equal(["Book the dentist", "Water the plants"], calendar.Events.Select(e => e.Summary).Order(StringComparer.Ordinal));
        var dentist = calendar.Events.Single(e => e.Summary == "Book the dentist");
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(dentist.DtStart!.AsUtc));
        Assert.True(calendar.Events.Single(e => e.Summary == "Water the plants").IsAllDay);

        // The token is the credential: todo-web's span of the feed request names the route, not the address.
        var token = feedUrl[(feedUrl.LastIndexOf('/') + 1)..^".ics".Length];
        await Poll.UntilAsync(() => stack.Traces.Spans.Any(s => s["http.route"] == "/ical/{token}.ics"), "todo-web exported the span of the feed request");
        Assert.DoesNotContain(stack.Traces.Spans, s => s.Name.Contains(token, StringComparison.Ordinal)
            || s.Attributes.Values.Any(v => v.Contains(token, StringComparison.Ordinal)));

        await page.GotoAsync("/settings");
        await WaitForCircuitAsync(page);
        await page.ClickAsync("#feed-revoke");
        await Expect(page.Locator("#feed-revoke")).ToHaveCountAsync(0);
        Assert.Equal(404, (await calendarApp.APIRequest.GetAsync(feedUrl)).Status);
    }
}
