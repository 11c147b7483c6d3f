using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Todo.Contracts.Accounts;
using Todo.Contracts.Tasks;
using Todo.EndToEnd.Tests.Infrastructure;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// A list longer than a page (issue 12, target 10) in a real browser: the count tells the truth, and scrolling on
/// reads the next page by itself (the show-more button's IntersectionObserver), so every task is reachable.
/// </summary>
public sealed class LongListEndToEndTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const int TaskCount = 230;

    [Fact]
    public async Task ScrollingOnShowsEveryTaskAPageAtATimeAndTheCountSaysHowManyAreShown()
    {
        var username = await SeedAsync();
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, username);

        await Expect(page.Locator("#task-count")).ToHaveTextAsync("230 tasks · showing 50");
        await Expect(page.Locator(".task-row")).ToHaveCountAsync(50);
        await Expect(page.Locator("#show-more")).ToHaveTextAsync("Show 50 more");

        await ScrollToEveryRowAsync(page, TaskCount);
        await Expect(page.Locator("#task-count")).ToHaveTextAsync("230 tasks");
        var ids = await page.Locator(".task-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.taskId)");
        Assert.Equal(TaskCount, ids.Distinct().Count());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("long-list-end.png") });
    }

    private async Task<string> SeedAsync()
    {
        var client = stack.WebServices.GetRequiredService<BackendClient>();
        var profile = await client.RegisterAsync(new RegisterRequest($"long{Guid.NewGuid():N}"[..20], Password));
        var user = new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Parallel.ForEachAsync(Enumerable.Range(0, TaskCount), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
            await client.CreateTaskAsync(user, new CreateTaskRequest($"long list task {i:D3}", Due: i % 3 == 0 ? null : new DueDto(today.AddDays(1 + i % 20))), token));
        return profile.Username;
    }
}
