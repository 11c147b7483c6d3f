using Microsoft.Playwright;

namespace Todo.EndToEnd.Tests.Infrastructure;

/// <summary>The steps every browser test takes: register, wait for the circuit and the list, quick add, screenshots.</summary>
internal static class BrowserSteps
{
    private static readonly float Patience = 15_000;

    public const string Password = "correct horse battery";

    // MudBlazor's theme sets the page background; a dark one has little light in it.
    public const string DarkBackground =
        "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 3 * 100; }";

    public static async Task<string> RegisterAsync(IPage page)
    {
        var username = $"ui{Guid.NewGuid():N}"[..20];
        await page.GotoAsync("/register");
        await WaitForCircuitAsync(page);
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#register-submit");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForTasksAsync(page);
        return username;
    }

    public static async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync("/sign-in");
        await WaitForCircuitAsync(page);
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in-submit");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForTasksAsync(page);
    }

    public static async Task AddAsync(IPage page, string text)
    {
        var input = page.Locator("#quick-add-input");
        await input.FillAsync(text);
        await Assertions.Expect(page.Locator("#quick-add-preview")).ToBeVisibleAsync();
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#quick-add-preview")).ToHaveCountAsync(0);
    }

    // Blazor Server prerenders: only elements rendered after the circuit connected can be clicked.
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#circuit-ready[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Patience });

    public static async Task WaitForTasksAsync(IPage page)
    {
        await WaitForCircuitAsync(page);
        await page.Locator("#tasks-ready[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Patience });
    }

    public static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    // <repo>/TestResults/screenshots: the folder scripts/test.sh collects as the test run's artifacts.
    public static string ScreenshotPath(string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root.Parent is not null && !File.Exists(Path.Combine(root.FullName, "Todo.sln")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root.FullName, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
