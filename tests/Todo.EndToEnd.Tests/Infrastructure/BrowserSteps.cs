using Microsoft.Playwright;

namespace Todo.EndToEnd.Tests.Infrastructure;

/// <summary>The steps every browser test takes: register, wait for the circuit and the list, quick add, screenshots.</summary>
internal static class BrowserSteps
{
    /// <summary>
    /// The ceiling (ms) of a wait for the app on a loaded CI machine (2 cores, the whole suite at once): a cold circuit
    /// there has taken over 15 s. A wait ends as soon as its condition holds, so a high ceiling costs a passing run nothing.
    /// </summary>
    public const float Patience = 30_000;

    public const string Password = "correct horse battery";

    // MudBlazor's theme sets the page background; a dark one has little light in it.
    public const string DarkBackground =
        "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 3 * 100; }";

    /// <summary>
    /// Registers a new user and waits for its (empty) list. The name is unique per call and starts with
    /// <paramref name="prefix"/>, so the test class a user in the logs came from can be told.
    /// </summary>
    public static async Task<string> RegisterAsync(IPage page, string prefix = "ui")
    {
        await page.GotoAsync("/register");
        return await SubmitRegistrationAsync(page, prefix);
    }

    /// <summary>The register form of a page already on /register, for a test that checks that page's response first.</summary>
    public static async Task<string> SubmitRegistrationAsync(IPage page, string prefix = "ui")
    {
        var username = $"{prefix}{Guid.NewGuid():N}"[..20];
        await WaitForCircuitAsync(page);
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#register-submit");
        await WaitForHomeAsync(page, $"registering {username}");
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
        await WaitForHomeAsync(page, $"signing in {username}");
        await WaitForTasksAsync(page);
    }

    // A form post that does not reach the list ends on a page that says why (the form's error, a 400): the CI log needs it.
    private static async Task WaitForHomeAsync(IPage page, string what)
    {
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        }
        catch (TimeoutException timeout)
        {
            var shown = await page.Locator("#account-error, h1").AllTextContentsAsync();
            throw new TimeoutException($"After {what} the page stayed on {page.Url}: {string.Join(" | ", shown)}", timeout);
        }
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

    /// <summary>
    /// Waits for a dialog's AutoFocus field to have the focus. AutoFocus is a call back to the browser after the dialog's
    /// first render; a fill focuses its field and then types, so a focus move in between sends the text elsewhere.
    /// </summary>
    public static Task WaitForAutoFocusAsync(ILocator field) => Assertions.Expect(field).ToBeFocusedAsync();

    /// <summary>Opens the task editor with <paramref name="edit"/>, once its title has the focus (see <see cref="WaitForAutoFocusAsync"/>).</summary>
    public static async Task OpenEditorAsync(IPage page, ILocator edit)
    {
        await edit.ClickAsync();
        await WaitForAutoFocusAsync(page.Locator("#editor-title"));
    }

    public static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    public static string ScreenshotPath(string name) => Screenshots.PathFor(name);

    /// <summary>Scrolls to the end until <paramref name="count"/> rows are shown, a page at a time, as a reader would.</summary>
    public static async Task ScrollToEveryRowAsync(IPage page, int count)
    {
        var rows = page.Locator(".task-row");
        for (var shown = await rows.CountAsync(); shown < count; shown = await rows.CountAsync())
        {
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            await Assertions.Expect(rows).Not.ToHaveCountAsync(shown);
        }

        await Assertions.Expect(rows).ToHaveCountAsync(count);
        await Assertions.Expect(page.Locator("#show-more")).ToHaveCountAsync(0);
    }
}
