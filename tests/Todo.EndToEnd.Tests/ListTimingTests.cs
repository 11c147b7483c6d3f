using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Todo.Contracts.Accounts;
using Todo.Contracts.Tasks;
using Todo.EndToEnd.Tests.Infrastructure;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>Runs only when <c>TODO_TIMING_TESTS=1</c>: timings on a shared machine are measurements, not CI gates.</summary>
public sealed class TimingFactAttribute : FactAttribute
{
    public const string Variable = "TODO_TIMING_TESTS";

    public TimingFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"a timing measurement; set {Variable}=1 to run it";
        }
    }
}

/// <summary>
/// Issue 12, target 10, in a real browser against the whole stack: a user with 1,000 open tasks. Every task is
/// reachable (the count says 1,000 and "show more" brings the rest), rows are visible ≤ 400 ms after navigation, and a
/// completion is reflected ≤ 100 ms after the click. Times are taken in the page (<c>performance.now()</c>, a
/// MutationObserver installed before the document loads), so the test's own round trips do not count.
/// </summary>
public sealed class ListTimingTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    private const int TaskCount = 1_000;
    private const int Runs = 5;
    private const double TargetRowsMs = 400;
    private const double TargetCompletionMs = 100;

    // Notes when the first row, and the interactive list (#tasks-ready), appeared, from the navigation's start.
    private const string NavigationObserver = """
        window.__timing = {};
        new MutationObserver(() => {
            const t = window.__timing;
            if (t.rows === undefined && document.querySelector('.task-row')) t.rows = performance.now();
            if (t.ready === undefined && document.querySelector('#tasks-ready[data-ready=true]')) t.ready = performance.now();
        }).observe(document, { subtree: true, childList: true, attributes: true });
        """;

    // Clicks a row's checkbox and resolves with the milliseconds until that row leaves the list or shows as completed.
    private const string TimedCompletion = """
        id => new Promise(resolve => {
            const row = () => document.querySelector(`.task-row[data-task-id="${id}"]`);
            const done = () => !row() || row().classList.contains('task-completed');
            const start = performance.now();
            const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now() - start); } });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            row().querySelector('.task-check input').click();
        })
        """;

    [TimingFact]
    public async Task AThousandOpenTasksAreAllReachableShowQuicklyAndACompletionShowsAtOnce()
    {
        var username = await SeedAsync();
        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await context.AddInitScriptAsync(NavigationObserver);
        var page = await context.NewPageAsync();
        await SignInAsync(page, username);

        // Every task reachable: the count tells the truth and scrolling on brings the rest.
        await Expect(page.Locator("#task-count")).ToContainTextAsync("1,000 tasks");
        await ScrollToEveryRowAsync(page, TaskCount);

        // Navigation: a fresh load of the tasks page (prerendered, then interactive), and from Settings by the app bar.
        var load = new List<(double Rows, double Ready)>();
        var fromSettings = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            await page.GotoAsync("/");
            await WaitForTasksAsync(page);
            load.Add(await TimingAsync(page));

            await page.Locator("#nav-settings").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/settings");
            // The URL changes before Settings has rendered: the old rows must be gone before the clock starts.
            await Expect(page.Locator(".task-row")).ToHaveCountAsync(0);
            fromSettings.Add(await page.EvaluateAsync<double>("""
                () => new Promise(resolve => {
                    const start = performance.now();
                    const check = () => document.querySelector('.task-row') ? resolve(performance.now() - start) : requestAnimationFrame(check);
                    document.querySelector('a.mud-button-root[href="/"]:not(.mud-link)').click();
                    requestAnimationFrame(check);
                })
                """));
            await WaitForTasksAsync(page);
        }

        // Completion: click a row's checkbox, until the row is gone from the open list (or shows as completed).
        await page.GotoAsync("/");
        await WaitForTasksAsync(page);
        var completions = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var id = await page.Locator(".task-row").Nth(run).GetAttributeAsync("data-task-id");
            completions.Add(await page.EvaluateAsync<double>(TimedCompletion, id));
        }

        var rows = Median(load.Select(l => l.Rows));
        var completion = Median(completions);
        output.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine($"page load, first row visible ms: {Join(load.Select(l => l.Rows))} (median {rows:F0})");
        output.WriteLine($"page load, list interactive ms: {Join(load.Select(l => l.Ready))} (median {Median(load.Select(l => l.Ready)):F0})");
        output.WriteLine($"from Settings by the app bar, first row visible ms: {Join(fromSettings)} (median {Median(fromSettings):F0})");
        output.WriteLine($"completion reflected ms: {Join(completions)} (median {completion:F0})");
        Assert.True(rows <= TargetRowsMs, $"rows visible after navigation: median {rows:F0} ms > {TargetRowsMs} ms");
        Assert.True(completion <= TargetCompletionMs, $"completion reflected: median {completion:F0} ms > {TargetCompletionMs} ms");
    }

    private static async Task<(double Rows, double Ready)> TimingAsync(IPage page)
    {
        var timing = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__timing");
        return (timing["rows"], timing["ready"]);
    }

    /// <summary>A user with 1,000 open tasks, made through todo-web's own backend client; returns the username.</summary>
    private async Task<string> SeedAsync()
    {
        var client = stack.WebServices.GetRequiredService<BackendClient>();
        var profile = await client.RegisterAsync(new RegisterRequest($"timing{Guid.NewGuid():N}"[..20], Password));
        var user = new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Parallel.ForEachAsync(Enumerable.Range(0, TaskCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            await client.CreateTaskAsync(user, new CreateTaskRequest($"task number {i} with a title of ordinary length", Tags: [i % 2 == 0 ? "home" : "work"],
                Due: i % 3 == 0 ? null : new DueDto(today.AddDays(i % 30))), token));
        return profile.Username;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));
}
