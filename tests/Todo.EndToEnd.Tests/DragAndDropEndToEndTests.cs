using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Todo.Contracts.Accounts;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// Manual order and drag-and-drop in a real browser against the whole stack (issue 15, items 3 and 4): real mouse
/// drags by a row's handle reorder a project (kept after a reload, shown live in a second tab through the
/// <c>com.todo.task.moved</c> event), move a task onto a sidebar project, and reschedule in Upcoming; Alt+Arrow moves
/// a focused row and says so to screen readers.
/// </summary>
public sealed class DragAndDropEndToEndTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task DraggingARowReordersTheProjectForGoodAndASecondTabFollowsLive()
    {
        var (context, page) = await NewUserPageAsync();
        await ProjectsEndToEndTests.CreateProjectAsync(page, "Trip", "#299438");
        await AddAsync(page, "Book flights");
        await AddAsync(page, "Pack bags");
        await AddAsync(page, "Renew passport");
        var titles = page.Locator("#manual-list .task-title");
        await Expect(titles).ToHaveTextAsync(["Book flights", "Pack bags", "Renew passport"]);
        await Expect(page.Locator("#order-hint")).ToContainTextAsync("Your order");

        var secondTab = await context.NewPageAsync();
        await secondTab.GotoAsync(page.Url);
        await WaitForTasksAsync(secondTab);
        await Expect(secondTab.Locator("#manual-list .task-title")).ToHaveTextAsync(["Book flights", "Pack bags", "Renew passport"]);

        // Passport goes to the top: held over the upper half of the first row, the row shows where it would land.
        var passport = Row(page, "Renew passport");
        var flights = Row(page, "Book flights");
        await HoldOverAsync(page, passport.Locator(".task-drag-handle"), flights, 0.25f);
        await Expect(flights).ToHaveClassAsync(new Regex("drop-before"));
        await Expect(page.Locator(".task-drag-ghost")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("drag-reorder.png"), FullPage = true });
        await page.Mouse.UpAsync();

        await Expect(titles).ToHaveTextAsync(["Renew passport", "Book flights", "Pack bags"]);
        await Expect(page.Locator(".task-drag-ghost")).ToHaveCountAsync(0);
        await Expect(page.Locator("#move-announcement")).ToHaveTextAsync("“Renew passport” moved to place 1 of 3.");
        await Expect(secondTab.Locator("#manual-list .task-title")).ToHaveTextAsync(["Renew passport", "Book flights", "Pack bags"]);

        // And down again, below the last row: last.
        await HoldOverAsync(page, Row(page, "Book flights").Locator(".task-drag-handle"), Row(page, "Pack bags"), 0.8f);
        await page.Mouse.UpAsync();
        await Expect(titles).ToHaveTextAsync(["Renew passport", "Pack bags", "Book flights"]);
        await Expect(secondTab.Locator("#manual-list .task-title")).ToHaveTextAsync(["Renew passport", "Pack bags", "Book flights"]);

        await page.ReloadAsync();
        await WaitForTasksAsync(page);
        await Expect(titles).ToHaveTextAsync(["Renew passport", "Pack bags", "Book flights"]);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("drag-reordered.png"), FullPage = true });

        // Another sort shows no handles and says how to get the own order back.
        await page.GotoAsync(page.Url + "?sort=title");
        await WaitForTasksAsync(page);
        await Expect(page.Locator(".task-drag-handle")).ToHaveCountAsync(0);
        await Expect(page.Locator("#order-hint")).ToContainTextAsync("Sorted by title. Clear the sort");
    }

    [Fact]
    public async Task DroppingARowOnASidebarProjectMovesTheTaskThere()
    {
        var (_, page) = await NewUserPageAsync();
        var home = await ProjectsEndToEndTests.CreateProjectAsync(page, "Home", "#ff9933");
        var errands = await ProjectsEndToEndTests.CreateProjectAsync(page, "Errands", null);
        await AddAsync(page, "Buy stamps");
        await AddAsync(page, "Post the letter");
        await Expect(errands.Locator(".project-count")).ToHaveTextAsync("2");

        await HoldOverAsync(page, Row(page, "Buy stamps").Locator(".task-drag-handle"), home, 0.5f);
        await Expect(home).ToHaveClassAsync(new Regex("drop-target"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("drag-to-project.png"), FullPage = true });
        await page.Mouse.UpAsync();

        await Expect(Row(page, "Buy stamps")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "Moved “Buy stamps” to Home." })).ToBeVisibleAsync();
        await Expect(home.Locator(".project-count")).ToHaveTextAsync("1");
        await Expect(errands.Locator(".project-count")).ToHaveTextAsync("1");
        await home.Locator(".project-link").ClickAsync();
        await WaitForTasksAsync(page);
        await Expect(page.Locator("#manual-list .task-title")).ToHaveTextAsync(["Buy stamps"]);
    }

    [Fact]
    public async Task AMemberDropsATaskOfTheirInboxOnAProjectSharedWithThemAndItsOwnerFindsItThere()
    {
        var (_, alice) = await NewUserPageAsync();
        var (_, bob) = await NewUserPageAsync();
        var bobName = (await bob.Locator("#signed-in-as").TextContentAsync())!.Trim();
        var party = await ProjectsEndToEndTests.CreateProjectAsync(alice, "Party", "#ff9933");
        await SharingLiveEndToEndTests.ShareFromSidebarAsync(alice, party, bobName);
        await alice.Locator("#share-close").ClickAsync();

        await bob.Locator("#nav-inbox").ClickAsync();
        await WaitForTasksAsync(bob);
        await AddAsync(bob, "Bring snacks");
        var shared = bob.Locator("#project-list .project-item[data-project-name='Party']");
        await Expect(shared).ToBeVisibleAsync();

        // Alice's project: the task becomes hers (another owner's keys), and leaves Bob's Inbox.
        await HoldOverAsync(bob, Row(bob, "Bring snacks").Locator(".task-drag-handle"), shared, 0.5f);
        await bob.Mouse.UpAsync();
        await Expect(Row(bob, "Bring snacks")).ToHaveCountAsync(0);
        await Expect(bob.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "Moved “Bring snacks” to Party." })).ToBeVisibleAsync();
        await Expect(shared.Locator(".project-count")).ToHaveTextAsync("1");

        await party.Locator(".project-link").ClickAsync();
        await WaitForTasksAsync(alice);
        await Expect(alice.Locator("#manual-list .task-title")).ToHaveTextAsync(["Bring snacks"]);
        // Counted live in her sidebar and header, no reload.
        await Expect(party.Locator(".project-count")).ToHaveTextAsync("1");
        await Expect(alice.Locator("#view-count")).ToHaveTextAsync("1");
        await alice.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("drag-into-shared-project.png") });
    }

    [Fact]
    public async Task AltArrowMovesTheFocusedRowAndSaysWhereItWent()
    {
        var (_, page) = await NewUserPageAsync();
        await page.Locator("#nav-inbox").ClickAsync();
        await WaitForTasksAsync(page);
        await AddAsync(page, "Water plants");
        await AddAsync(page, "Call mom");
        await AddAsync(page, "Pay rent");
        var titles = page.Locator("#manual-list .task-title");
        await Expect(titles).ToHaveTextAsync(["Water plants", "Call mom", "Pay rent"]);

        var handle = Row(page, "Pay rent").Locator(".task-drag-handle");
        await handle.FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(titles).ToHaveTextAsync(["Water plants", "Pay rent", "Call mom"]);
        await Expect(page.Locator("#move-announcement")).ToHaveTextAsync("“Pay rent” moved to place 2 of 3.");
        // Focus comes back to the moved row, so the keys can be pressed again.
        await Expect(Row(page, "Pay rent").Locator(".task-drag-handle")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(titles).ToHaveTextAsync(["Pay rent", "Water plants", "Call mom"]);
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(page.Locator("#move-announcement")).ToHaveTextAsync("“Pay rent” is already first.");
        await Row(page, "Call mom").Locator(".task-drag-handle").FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(titles).ToHaveTextAsync(["Pay rent", "Call mom", "Water plants"]);

        await page.ReloadAsync();
        await WaitForTasksAsync(page);
        await Expect(titles).ToHaveTextAsync(["Pay rent", "Call mom", "Water plants"]);

        // The shortcuts dialog lists the keys.
        await page.Locator("body").PressAsync("?");
        await Expect(page.Locator("#shortcuts-dialog")).ToContainTextAsync("move the focused task up or down");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("shortcuts-move.png") });
    }

    [Fact]
    public async Task DraggingARowOntoAnotherDayInUpcomingReschedulesItKeepingTheTime()
    {
        // Quick add takes no past dates, so the overdue task comes through the backend, as the web calls it.
        var backend = stack.WebServices.GetRequiredService<BackendClient>();
        var profile = await backend.RegisterAsync(new RegisterRequest($"dnd{Guid.NewGuid():N}"[..20], Password));
        var user = new SignedInUser(profile.UserId, profile.Username, profile.DisplayName, profile.SessionStamp);
        // Two days ago is overdue in every time zone.
        await backend.CreateTaskAsync(user, new CreateTaskRequest("Old chore", Due: new DueDto(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)))));
        var (_, page) = await NewPageAsync();
        await SignInAsync(page, profile.Username);
        await AddAsync(page, "Dentist tomorrow 9am");
        await page.Locator("#nav-upcoming").ClickAsync();
        await page.WaitForURLAsync(new Regex("/tasks\\?view=upcoming$"));
        await WaitForTasksAsync(page);
        await Expect(page.Locator("#order-hint")).ToContainTextAsync("onto another day");
        var tomorrow = page.Locator(".upcoming-day", new PageLocatorOptions { HasText = "Tomorrow" });
        await Expect(tomorrow.Locator(".task-row")).ToContainTextAsync("Dentist");

        // Overdue is no target: the drop changes nothing.
        var overdue = page.Locator("#day-overdue");
        await Expect(overdue).ToContainTextAsync("Old chore");
        await HoldOverAsync(page, Row(page, "Dentist").Locator(".task-drag-handle"), overdue, 0.3f);
        await Expect(overdue).Not.ToHaveClassAsync(new Regex("drop-target"));
        await page.Mouse.UpAsync();
        await Expect(tomorrow.Locator(".task-row")).ToContainTextAsync("Dentist");

        // Three days from today (the sections after Overdue are today, tomorrow, …).
        var target = page.Locator(".upcoming-day[data-drop-day]").Nth(3);
        var day = await target.GetAttributeAsync("data-drop-day");
        await HoldOverAsync(page, Row(page, "Dentist").Locator(".task-drag-handle"), target, 0.3f);
        await Expect(target).ToHaveClassAsync(new Regex("drop-target"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("drag-to-day.png"), FullPage = true });
        await page.Mouse.UpAsync();

        var moved = page.Locator($"#day-{day} .task-row", new PageLocatorOptions { HasText = "Dentist" });
        await Expect(moved).ToBeVisibleAsync();
        await Expect(tomorrow.Locator(".task-row")).ToHaveCountAsync(0);
        await Expect(moved.Locator(".task-due")).ToContainTextAsync("09:00");
        await Expect(page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "is now due" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await WaitForTasksAsync(page);
        await Expect(page.Locator($"#day-{day} .task-row", new PageLocatorOptions { HasText = "Dentist" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("drag-rescheduled.png"), FullPage = true });
    }

    [Fact]
    public async Task ATouchDragOnAPhoneReordersToo()
    {
        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true,
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "dnd");
        await page.GotoAsync("/projects/inbox");
        await WaitForTasksAsync(page);
        await AddAsync(page, "Milk");
        await AddAsync(page, "Eggs");
        await AddAsync(page, "Bread");
        var titles = page.Locator("#manual-list .task-title");
        await Expect(titles).ToHaveTextAsync(["Milk", "Eggs", "Bread"]);

        // Playwright has no touch drag; Chromium's own touch input (DevTools protocol) makes the pointer events a finger does.
        var from = await Row(page, "Bread").Locator(".task-drag-handle").BoundingBoxAsync() ?? throw new InvalidOperationException("no handle");
        var to = await Row(page, "Milk").BoundingBoxAsync() ?? throw new InvalidOperationException("no row");
        var cdp = await context.NewCDPSessionAsync(page);
        async Task Touch(string type, float x, float y) => await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });
        var (x, y) = (from.X + from.Width / 2, from.Y + from.Height / 2);
        await Touch("touchStart", x, y);
        for (var i = 1; i <= 10; i++)
        {
            await Touch("touchMove", x, y + (to.Y + to.Height * 0.25f - y) * i / 10);
        }

        await Expect(Row(page, "Milk")).ToHaveClassAsync(new Regex("drop-before"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("drag-touch-phone.png") });
        await Touch("touchEnd", 0, 0);
        await Expect(titles).ToHaveTextAsync(["Bread", "Milk", "Eggs"]);
        await page.ReloadAsync();
        await WaitForTasksAsync(page);
        await Expect(titles).ToHaveTextAsync(["Bread", "Milk", "Eggs"]);
    }

    private static ILocator Row(IPage page, string title) => page.Locator(".task-row", new PageLocatorOptions { HasText = title });

    // A real mouse drag, held before the drop: press on the handle, move past the start distance, then over the target
    // at a fraction of its height, in steps (pointermove events as a hand makes them). The caller releases.
    private static async Task HoldOverAsync(IPage page, ILocator handle, ILocator target, float heightFraction)
    {
        var from = await handle.BoundingBoxAsync() ?? throw new InvalidOperationException("the handle is not visible");
        var (x, y) = (from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 4, y + 8, new MouseMoveOptions { Steps = 3 });
        var to = await target.BoundingBoxAsync() ?? throw new InvalidOperationException("the target is not visible");
        await page.Mouse.MoveAsync(to.X + Math.Min(to.Width / 2, 120), to.Y + to.Height * heightFraction, new MouseMoveOptions { Steps = 12 });
    }

    private async Task<(IBrowserContext Context, IPage Page)> NewPageAsync()
    {
        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1200, Height = 800 },
        });
        return (context, await context.NewPageAsync());
    }

    private async Task<(IBrowserContext Context, IPage Page)> NewUserPageAsync()
    {
        var (context, page) = await NewPageAsync();
        await RegisterAsync(page, "dnd");
        await Expect(page.Locator("#projects-sidebar[data-ready=true]")).ToBeAttachedAsync();
        return (context, page);
    }
}
