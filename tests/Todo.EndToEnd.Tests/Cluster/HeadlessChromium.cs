using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;

namespace Todo.EndToEnd.Tests.Cluster;

/// <summary>Debian's Chromium through Playwright, launched as the other end-to-end tests launch it (environment.md).</summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        // Two shared cores: a circuit round trip can take seconds while other builds run.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Every open page of the browser as a screenshot: what a failed scenario left on the screens.</summary>
    public async Task ScreenshotEveryPageAsync(string prefix)
    {
        var pages = Browser.Contexts.SelectMany(context => context.Pages).Where(page => !page.IsClosed).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor($"{prefix}-{i}.png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
