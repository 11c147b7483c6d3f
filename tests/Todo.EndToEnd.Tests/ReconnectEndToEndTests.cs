using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// todo-web restarted under an open page (a deployment, a crash): the page says what happened and Reload brings the
/// list back. This class has its own stack, because it restarts todo-web.
/// </summary>
public sealed class ReconnectEndToEndTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task AfterTheWebProcessRestartsThePageSaysSoAndReloadBringsTheListBack()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 700 },
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page);
        await AddAsync(page, "Renew passport !high");
        await AddAsync(page, "Book dentist tomorrow");
        await Assertions.Expect(page.Locator(".task-row")).ToHaveCountAsync(2);

        var modal = page.Locator("#components-reconnect-modal");
        await stack.RestartWebAsync();
        using (var http = new HttpClient())
        {
            // Same address as before, as behind a Kubernetes service.
            var answer = await http.GetAsync(new Uri(stack.WebAddress, "/sign-in"));
            Assert.True(answer.IsSuccessStatusCode, $"todo-web answers {(int)answer.StatusCode} after the restart");
        }

        // The old circuit is gone with the old process: the page says so in words and offers Reload.
        await Assertions.Expect(modal.Locator("#reconnect-rejected-message")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Assertions.Expect(modal.Locator("#reconnect-rejected-message")).ToContainTextAsync("restarted");
        await Assertions.Expect(modal.Locator("#reconnect-rejected-message")).ToContainTextAsync("saved tasks are safe");
        await Assertions.Expect(modal.Locator(".components-reconnect-first-attempt-visible")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("reconnect.png") });

        await modal.Locator("#components-reload-button").ClickAsync();
        await WaitForTasksAsync(page);
        await Assertions.Expect(modal).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".task-row .task-title")).ToHaveTextAsync(["Book dentist", "Renew passport"]);

        // And the new process works: a change made now is kept.
        await AddAsync(page, "Pick up parcel");
        await Assertions.Expect(page.Locator(".task-row")).ToHaveCountAsync(3);
    }
}
