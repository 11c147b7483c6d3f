using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;
using Xunit.Abstractions;

namespace Todo.EndToEnd.Tests;

/// <summary>What a new user tripped over (issue 14), in a real browser against the whole stack.</summary>
public sealed class ListUsabilityEndToEndTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task EscClosesOnlyTheOpenDropDownAndAChangedEditorAsksBeforeClosing()
    {
        var page = await NewUserPageAsync();
        await AddAsync(page, "Buy bread #bakery");
        await AddAsync(page, "Buy butter #dairy");
        await AddAsync(page, "Buy milk");
        var row = page.Locator("#section-nodate .task-row", new PageLocatorOptions { HasText = "Buy milk" });
        await OpenEditorAsync(page, row.Locator(".task-edit"));
        await page.Locator("#editor-title").FillAsync("Buy oat milk");

        // Esc with the tag suggestions open closes the suggestions, not the editor. One input event, so no search for
        // an earlier prefix ("b", "ba") is still pending to reopen the list after the Esc (seen in CI under load). The
        // field opens its list on focus too, with every tag: only "bakery" alone shows that the search for "bak" has
        // answered (under load it can come after the Esc and open the list again: a full e2e run saw the list stay).
        await page.Locator("#editor-tag-input").FillAsync("bak");
        var suggestions = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(suggestions).ToHaveCountAsync(1);
        await Expect(suggestions).ToContainTextAsync("bakery");
        await EscapeUntilClosedAsync(page);
        await Expect(page.Locator("#task-editor")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(400);

        // Esc with the priority list open closes the list, not the editor.
        await page.Locator("#task-editor div.mud-select", new PageLocatorOptions { HasText = "Priority" }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
        await EscapeUntilClosedAsync(page);
        await Expect(page.Locator("#task-editor")).ToBeVisibleAsync();
        Assert.Equal("Buy oat milk", await page.Locator("#editor-title").InputValueAsync());

        // Esc on the changed editor asks; keeping on editing keeps the edit. (A person's second Esc comes a moment later;
        // one within a quarter second of a popup closing is taken as meant for that popup.)
        await page.Locator("#editor-title").FocusAsync();
        await page.WaitForTimeoutAsync(400);
        await page.Keyboard.PressAsync("Escape");
        var question = page.Locator(".mud-dialog", new PageLocatorOptions { HasText = "Discard your changes?" });
        await Expect(question).ToBeVisibleAsync();
        await question.Locator("button", new LocatorLocatorOptions { HasText = "Keep editing" }).ClickAsync();
        await Expect(question).ToHaveCountAsync(0);
        Assert.Equal("Buy oat milk", await page.Locator("#editor-title").InputValueAsync());

        await page.Locator("#editor-save").ClickAsync();
        await Expect(page.Locator("#section-nodate .task-row .task-title", new PageLocatorOptions { HasText = "oat" })).ToHaveTextAsync("Buy oat milk");
    }

    [Fact]
    public async Task AnEditConflictOffersReloadWhichKeepsMyChangeAndTheOtherTabsChange()
    {
        var page = await NewUserPageAsync();
        await AddAsync(page, "Call mom");
        var otherTab = await page.Context.NewPageAsync();
        await otherTab.GotoAsync("/");
        await WaitForTasksAsync(otherTab);

        // This tab starts editing; meanwhile the other tab saves a note on the same task.
        await OpenEditorAsync(page, page.Locator(".task-row .task-edit"));
        await page.Locator("#editor-title").FillAsync("Call mom and dad");
        await OpenEditorAsync(otherTab, otherTab.Locator(".task-row .task-edit"));
        await otherTab.Locator("#editor-notes").FillAsync("Use the landline");
        await otherTab.Locator("#editor-save").ClickAsync();
        await Expect(otherTab.Locator("#task-editor")).ToHaveCountAsync(0);

        await page.Locator("#editor-save").ClickAsync();
        await Expect(page.Locator("#editor-conflict")).ToContainTextAsync("changed somewhere else");
        await Expect(page.Locator("#task-editor")).Not.ToContainTextAsync("ETag");
        await page.Locator("#editor-reload").ClickAsync();
        await Expect(page.Locator("#editor-notes")).ToHaveValueAsync("Use the landline");
        await Expect(page.Locator("#editor-title")).ToHaveValueAsync("Call mom and dad");
        await page.Locator("#editor-save").ClickAsync();
        await Expect(page.Locator("#task-editor")).ToHaveCountAsync(0);

        await Expect(page.Locator(".task-row .task-title")).ToHaveTextAsync("Call mom and dad");
        await page.Locator(".task-row .task-edit").ClickAsync();
        await Expect(page.Locator("#editor-notes")).ToHaveValueAsync("Use the landline");
    }

    [Fact]
    public async Task ABadFilterInALinkIsIgnoredWithANoteAndSortingByPriorityPutsHighFirst()
    {
        var page = await NewUserPageAsync();
        await AddAsync(page, "Low thing !low");
        await AddAsync(page, "High thing !high");
        await AddAsync(page, "Plain thing");

        // Toasts sit where they cover none of the rows' buttons.
        var toast = page.Locator(".mud-snackbar").Last;
        await Expect(toast).ToBeVisibleAsync();
        var toastBox = (await toast.BoundingBoxAsync())!;
        foreach (var button in await page.Locator(".task-row .task-delete, .task-row .task-edit").AllAsync())
        {
            var box = (await button.BoundingBoxAsync())!;
            var overlaps = box.X < toastBox.X + toastBox.Width && toastBox.X < box.X + box.Width
                && box.Y < toastBox.Y + toastBox.Height && toastBox.Y < box.Y + box.Height;
            Assert.False(overlaps, "a toast covers a row's edit or delete button");
        }

        await page.GotoAsync("/?sort=nonsense&status=archived&due=someday");
        await WaitForTasksAsync(page);
        await Expect(page.Locator("#filter-ignored")).ToContainTextAsync("sort “nonsense”");
        await Expect(page.Locator("#filter-ignored")).ToContainTextAsync("status “archived”");
        await Expect(page.Locator(".task-row")).ToHaveCountAsync(3);
        await Expect(page.Locator("#task-count")).ToHaveTextAsync("3 tasks");
        await page.Locator("#filter-ignored-remove").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("#filter-ignored")).ToHaveCountAsync(0);

        await page.GotoAsync("/?sort=priority");
        await WaitForTasksAsync(page);
        await Expect(page.Locator(".task-row .task-title")).ToHaveTextAsync(["High thing", "Low thing", "Plain thing"]);
    }

    [Fact]
    public async Task TheEmptyListIsCentredAndSaysHowToStartOrWhatToClear()
    {
        var page = await NewUserPageAsync();
        var empty = page.Locator("#empty-state");
        await Expect(empty).ToContainTextAsync("No tasks yet.");
        await AssertCentredAsync(empty);

        // With a search that matches nothing, it says so and how to get the list back.
        await page.GotoAsync("/?q=zzzz");
        await Expect(empty).ToContainTextAsync("Nothing matches these filters.");
        await AssertCentredAsync(empty);

        // The box spans the list's column and its icon and every line sit on the box's centre line.
        async Task AssertCentredAsync(ILocator box)
        {
            var outer = (await box.BoundingBoxAsync())!;
            var column = (await page.Locator(".mud-main-content .mud-container").First.BoundingBoxAsync())!;
            Assert.True(outer.Width > column.Width * 0.9, $"the empty state is {outer.Width:0} px wide in a {column.Width:0} px column");
            var centre = outer.X + outer.Width / 2;
            foreach (var part in await box.Locator("svg, h6, p").AllAsync())
            {
                var inner = (await part.BoundingBoxAsync())!;
                Assert.True(Math.Abs(inner.X + inner.Width / 2 - centre) < 3, $"“{await part.TextContentAsync()}” is off centre by {inner.X + inner.Width / 2 - centre:0} px");
            }
        }
    }

    [Fact]
    public async Task DoubleClickingDeleteAsksOnceAndDeletesOnce()
    {
        var page = await NewUserPageAsync();
        await AddAsync(page, "Throw away");

        await page.Locator(".task-row .task-delete").DblClickAsync();
        var question = page.Locator(".mud-dialog", new PageLocatorOptions { HasText = "Delete task?" });
        await Expect(question.First).ToBeVisibleAsync();
        await question.First.Locator("button", new LocatorLocatorOptions { HasText = "Delete" }).ClickAsync();

        await Expect(page.Locator("#empty-state")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "not found" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DarkModeChosenByHandSurvivesAReloadAndShowsBeforeSignIn()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ColorScheme = ColorScheme.Light, ViewportSize = new ViewportSize { Width = 1000, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "ux");
        await AddAsync(page, "Water the plants tomorrow at 8am every week !medium #home");
        await AddAsync(page, "Call the bank !high");
        Assert.False(await IsDarkAsync(page));

        await page.Locator("button[aria-label='Toggle dark mode']").ClickAsync();
        await page.WaitForFunctionAsync(DarkBackground);
        await page.ReloadAsync();
        await WaitForTasksAsync(page);
        await page.WaitForFunctionAsync(DarkBackground, null, new() { Timeout = Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("tasks-dark.png"), FullPage = true });

        var signedOut = await (await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() })).NewPageAsync();
        await signedOut.GotoAsync("/sign-in");
        await WaitForCircuitAsync(signedOut);
        await Expect(signedOut.Locator("#app-tagline")).ToContainTextAsync("tasks");
        await signedOut.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("sign-in.png") });

        var sameDevice = await context.NewPageAsync();
        await sameDevice.GotoAsync("/settings");
        await WaitForCircuitAsync(sameDevice);
        await sameDevice.WaitForFunctionAsync(DarkBackground, null, new() { Timeout = Patience });
    }

    // MudBlazor's theme sets the page background; a dark one has little light in it.
    private const string DarkBackground =
        "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 3 * 100; }";

    private static Task<bool> IsDarkAsync(IPage page) => page.EvaluateAsync<bool>($"({DarkBackground})()");

    [Fact]
    public async Task OnAPhoneTheFiltersFoldBehindOneButton()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "ux");
        await AddAsync(page, "Buy stamps tomorrow #errands");

        await Expect(page.Locator("#filter-status")).ToBeHiddenAsync();
        await Expect(page.Locator("#filter-toggle")).ToBeVisibleAsync();
        var firstRow = (await page.Locator(".task-row").First.BoundingBoxAsync())!;
        output.WriteLine($"first task row starts {firstRow.Y:F0} px down a 844 px screen");
        Assert.True(firstRow.Y < 844 * 0.3, $"the first task starts {firstRow.Y:F0} px down");

        await page.Locator("#filter-toggle").ClickAsync();
        await Expect(page.Locator("#filter-fields")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("tasks-phone-filters.png") });
    }

    [Fact]
    public async Task TheChatSidebarKeepsTheNewestReplyInView()
    {
        var page = await NewUserPageAsync();
        await page.Locator("#chat-toggle").ClickAsync();
        var input = page.Locator("#chat-input");
        await Expect(input).ToBeVisibleAsync();

        for (var i = 1; i <= 9; i++)
        {
            await input.FillAsync($"add buy item {i} tomorrow");
            await input.PressAsync("Enter");
            await Expect(page.Locator(".chat-assistant")).ToHaveCountAsync(i, new() { Timeout = Patience });
        }

        // The conversation is longer than the sidebar; scrolling is smooth, so wait until it comes to rest at the bottom.
        Assert.True(await page.EvaluateAsync<bool>("() => { const m = document.querySelector('.chat-messages'); return m.scrollHeight > m.clientHeight; }"));
        await page.WaitForFunctionAsync("() => { const m = document.querySelector('.chat-messages'); return m.scrollTop + m.clientHeight >= m.scrollHeight - 4; }",
            null, new() { Timeout = Patience });
        await Expect(page.Locator(".chat-assistant").Last).ToBeInViewportAsync(new() { Ratio = 0.9f });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("chat.png") });
    }

    [Fact]
    public async Task TheChatSaysWhatItDidUndoesItAndBringsTheConversationBackAfterAReload()
    {
        var page = await NewUserPageAsync();
        await page.Locator("#chat-toggle").ClickAsync();
        var input = page.Locator("#chat-input");

        // A change is summarised in words with an Undo, not as a tool name; Undo takes the task away again.
        await input.FillAsync("add buy milk tomorrow");
        await input.PressAsync("Enter");
        await Expect(page.Locator(".chat-done-line").Last).ToContainTextAsync("buy milk", new() { IgnoreCase = true });
        await Expect(page.Locator("#chat-panel")).Not.ToContainTextAsync("add_task");
        await Expect(page.Locator(".task-row .task-title", new PageLocatorOptions { HasText = "Buy milk" })).ToHaveCountAsync(1);
        await page.Locator("#chat-undo").ClickAsync();
        await Expect(page.Locator(".task-row .task-title", new PageLocatorOptions { HasText = "Buy milk" })).ToHaveCountAsync(0);

        await input.FillAsync("add call mom on friday");
        await input.PressAsync("Enter");
        await Expect(page.Locator(".task-row .task-title", new PageLocatorOptions { HasText = "Call mom" })).ToHaveCountAsync(1);

        // The conversation is kept by the backend: a reload shows it again, and its task link opens the editor.
        await page.ReloadAsync();
        await WaitForTasksAsync(page);
        await page.Locator("#chat-toggle").ClickAsync();
        await Expect(page.Locator(".chat-user-text", new PageLocatorOptions { HasText = "add call mom on friday" })).ToBeVisibleAsync();
        await Expect(page.Locator("#chat-send")).ToBeInViewportAsync(new() { Ratio = 1 }); // the drawer has slid in
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("chat-after-reload.png") });
        await page.Locator(".chat-task-link", new PageLocatorOptions { HasText = "Call mom" }).Last.ClickAsync();
        await Expect(page.Locator("#editor-title")).ToHaveValueAsync(new Regex("^call mom$", RegexOptions.IgnoreCase));
    }

    private async Task<IPage> NewUserPageAsync()
    {
        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 700 },
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "ux");
        return page;
    }

    // Esc on an open MudBlazor list closes it, not the editor. MudBlazor most likely sees the key through a key interceptor set up
    // with a round trip after the list opens; in a full CI run under load an Esc pressed first was never seen and the
    // list stayed open (fresh-clone run, 2026-12-03). A person then presses Esc again, and so does this step, at most
    // three times, waiting 2 s for the list to close each time.
    private static async Task EscapeUntilClosedAsync(IPage page)
    {
        var open = page.Locator(".mud-popover-open .mud-list-item");
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Expect(open).ToHaveCountAsync(0, new() { Timeout = attempt < 3 ? 2_000 : 15_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
