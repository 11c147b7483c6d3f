using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>The theme saved with the user's settings, and reminder toasts on a phone (issue 14).</summary>
public sealed class ThemeAndPhoneEndToEndTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task DarkPickedInSettingsShowsAtOnceAndFollowsTheUserToAFreshBrowser()
    {
        await using var first = await NewContextAsync(new ViewportSize { Width = 1000, Height = 800 });
        var page = await first.NewPageAsync();
        var username = await RegisterAsync(page);
        await page.GotoAsync("/settings");
        await WaitForCircuitAsync(page);
        // Picking Dark shows it at once and keeps it, with no Save to press.
        await page.Locator("#settings-theme .theme-dark input").CheckAsync();
        await page.WaitForFunctionAsync(DarkBackground);
        await Assertions.Expect(page.GetByText("Theme saved.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("settings-theme-dark.png"), FullPage = true });

        // A fresh browser (light system setting, nothing remembered) is light until the user signs in, then dark,
        // and remembers dark for the sign-in page after signing out.
        await using var fresh = await NewContextAsync(new ViewportSize { Width = 1000, Height = 800 });
        var other = await fresh.NewPageAsync();
        await other.GotoAsync("/sign-in");
        await WaitForCircuitAsync(other);
        Assert.False(await other.EvaluateAsync<bool>($"({DarkBackground})()"));
        await SignInAsync(other, username);
        await other.WaitForFunctionAsync(DarkBackground);
        Assert.Equal("dark", await other.EvaluateAsync<string?>("() => localStorage.getItem('todo.theme')"));
        await other.Locator("#sign-out").ClickAsync();
        await other.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in");
        await WaitForCircuitAsync(other);
        await other.WaitForFunctionAsync(DarkBackground);
    }

    [Fact]
    public async Task OnAPhoneReminderToastsLeaveTheFirstTaskUsable()
    {
        await using var context = await NewContextAsync(new ViewportSize { Width = 390, Height = 844 }, phone: true);
        var page = await context.NewPageAsync();
        await RegisterAsync(page);
        await AddAsync(page, "Water the plants #home");
        for (var i = 1; i <= 3; i++)
        {
            await AddAsync(page, $"Stretch break {i} in 6 seconds");
        }

        var toasts = page.Locator(".mud-snackbar:has(.reminder-toast)");
        await Assertions.Expect(toasts).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("tasks-phone-reminders.png") });

        var checkbox = (await page.Locator(".task-row .task-check").First.BoundingBoxAsync())!;
        foreach (var toast in await toasts.AllAsync())
        {
            Assert.False(Overlap((await toast.BoundingBoxAsync())!, checkbox), "a reminder toast covers the first task's checkbox");
        }

        // Usable, not only uncovered: the first task's checkbox takes a tap while the toasts are up.
        await page.Locator(".task-row .task-check input").First.TapAsync();
        await Assertions.Expect(page.Locator("#section-completed .task-row").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SnackbarsLeaveEveryRowsEditAndDeleteButtonsUncoveredOnTheDesktop()
    {
        await using var context = await NewContextAsync(new ViewportSize { Width = 1000, Height = 700 });
        var page = await context.NewPageAsync();
        await RegisterAsync(page);
        // Enough rows to reach the bottom of the window, where the snackbars appear.
        for (var i = 1; i <= 10; i++)
        {
            await AddAsync(page, $"Errand {i}");
        }

        // "Added …" snackbars stack (up to three, each for 2.5 s): measure the ones up now.
        var snackbars = page.Locator(".mud-snackbar");
        await Assertions.Expect(snackbars.First).ToBeVisibleAsync();
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var snackbar in await snackbars.AllAsync())
        {
            boxes.Add((await snackbar.BoundingBoxAsync())!);
        }

        foreach (var button in await page.Locator(".task-row .task-edit, .task-row .task-delete").AllAsync())
        {
            var box = (await button.BoundingBoxAsync())!;
            Assert.DoesNotContain(boxes, snackbar => Overlap(snackbar, box));
        }

        // Usable while they are up: the last row's edit button opens the editor.
        await page.Locator(".task-row .task-edit").Last.ClickAsync();
        await Assertions.Expect(page.Locator("#task-editor")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheSignInPageSaysWhatTodoIsBeforeAskingForAnAccount()
    {
        await using var context = await NewContextAsync(new ViewportSize { Width = 1000, Height = 700 });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await Assertions.Expect(page.Locator("#app-name")).ToHaveTextAsync("Todo");
        var tagline = page.Locator("#app-tagline");
        await Assertions.Expect(tagline).ToBeVisibleAsync();
        foreach (var promise in new[] { "tasks", "plain words", "remind", "assistant" })
        {
            await Assertions.Expect(tagline).ToContainTextAsync(promise);
        }

        // Said above the form, so it is read first. Measured once the circuit has connected: its first render replaces
        // the prerendered elements, and an element caught in between has no box.
        await WaitForCircuitAsync(page);
        Assert.True((await tagline.BoundingBoxAsync())!.Y < (await page.Locator("#username").BoundingBoxAsync())!.Y);
    }

    private Task<IBrowserContext> NewContextAsync(ViewportSize viewport, bool phone = false) =>
        stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ColorScheme = ColorScheme.Light, ViewportSize = viewport, IsMobile = phone, HasTouch = phone,
        });
}
