using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// Projects and views in the web (issue 15): the sidebar, quick add's <c>#Name</c>, moving a task, Today, Upcoming and
/// Completed, each a URL, in a real browser against the whole stack (counts move by the task events the emulator delivers).
/// </summary>
public sealed class ProjectsEndToEndTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task AProjectMadeInTheSidebarTakesQuickAddsByNameCountsThemLiveAndLetsATaskMoveOut()
    {
        var page = await NewUserPageAsync();
        var groceries = await CreateProjectAsync(page, "Groceries", "#299438");
        await Expect(page.Locator("#view-title")).ToHaveTextAsync("Groceries");

        // From the whole list, #Groceries picks the project (highlighted as one while typing) rather than adding a tag.
        await page.Locator("#nav-all").ClickAsync();
        await WaitForTasksAsync(page);
        await page.Locator("#quick-add-input").FillAsync("Buy milk #Groceries");
        await Expect(page.Locator("#quick-add-preview mark.qa-project")).ToHaveTextAsync("#Groceries");
        await Expect(page.Locator("#quick-add-preview .preview-project")).ToContainTextAsync("Groceries");
        await Expect(page.Locator("#quick-add-preview .preview-tag")).ToHaveCountAsync(0);
        await page.Locator("#quick-add-input").PressAsync("Enter");
        await Expect(page.Locator("#quick-add-preview")).ToHaveCountAsync(0);
        await Expect(groceries.Locator(".project-count")).ToHaveTextAsync("1");

        // The project page shows it without a tag, with the count; a task added there goes into the project.
        await groceries.Locator(".project-link").ClickAsync();
        await WaitForTasksAsync(page);
        var milk = page.Locator(".task-row", new PageLocatorOptions { HasText = "Buy milk" });
        await Expect(milk).ToBeVisibleAsync();
        await Expect(milk.Locator(".task-tag")).ToHaveCountAsync(0);
        await AddAsync(page, "Buy bread tomorrow");
        await Expect(groceries.Locator(".project-count")).ToHaveTextAsync("2");
        await Expect(page.Locator("#view-count")).ToHaveTextAsync("2");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("project.png"), FullPage = true });

        // Moving a task to the Inbox in the editor takes it out of this project's list, and both counts follow.
        await page.Locator(".task-row", new PageLocatorOptions { HasText = "Buy bread" }).Locator(".task-edit").ClickAsync();
        await page.Locator("#task-editor div.mud-select", new PageLocatorOptions { HasText = "Project" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Inbox" }).ClickAsync();
        // MudSelect closes its popover (a round trip to the browser) before it takes the value: a Save clicked in
        // between saves the old project. A person sees the picked project first; so does the test.
        await Expect(page.Locator("input#editor-project")).ToHaveValueAsync("Inbox");
        await page.Locator("#editor-save").ClickAsync();
        await Expect(page.Locator("#task-editor")).ToHaveCountAsync(0);
        await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = "Buy bread" })).ToHaveCountAsync(0);
        await Expect(groceries.Locator(".project-count")).ToHaveTextAsync("1");
        await Expect(page.Locator("#count-inbox")).ToHaveTextAsync("1");

        await page.Locator("#nav-inbox").ClickAsync();
        await WaitForTasksAsync(page);
        await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = "Buy bread" })).ToBeVisibleAsync();
        await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = "Buy milk" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TodayUpcomingAndCompletedAreViewsThatSurviveReloadBackAndForward()
    {
        var page = await NewUserPageAsync();
        await AddAsync(page, "Pay rent today");
        await AddAsync(page, "Dentist tomorrow 9am");
        await AddAsync(page, "Passport in 5 days");
        await AddAsync(page, "Read a book");
        await AddAsync(page, "Old chore");
        await page.Locator(".task-row", new PageLocatorOptions { HasText = "Old chore" }).Locator(".task-check input").ClickAsync();

        await page.Locator("#nav-today").ClickAsync();
        await page.WaitForURLAsync(new Regex("/tasks\\?view=today$"));
        await WaitForTasksAsync(page);
        await Expect(page.Locator("#view-title")).ToHaveTextAsync("Today");
        await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = "Pay rent" })).ToBeVisibleAsync();
        await Expect(page.Locator(".task-row")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("today.png"), FullPage = true });

        await page.Locator("#nav-upcoming").ClickAsync();
        await page.WaitForURLAsync(new Regex("/tasks\\?view=upcoming$"));
        await WaitForTasksAsync(page);
        // Fourteen days, each with its tasks; an undated task is not in the calendar.
        await Expect(page.Locator(".upcoming-day")).ToHaveCountAsync(14);
        await Expect(page.Locator(".upcoming-day", new PageLocatorOptions { HasText = "Tomorrow" }).Locator(".task-row")).ToContainTextAsync("Dentist");
        await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = "Passport" })).ToBeVisibleAsync();
        await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = "Read a book" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("upcoming.png"), FullPage = true });
        await page.ReloadAsync();
        await WaitForTasksAsync(page);
        await Expect(page.Locator("#view-title")).ToHaveTextAsync("Upcoming");

        await page.Locator("#nav-completed").ClickAsync();
        await WaitForTasksAsync(page);
        await Expect(page.Locator("#view-title")).ToHaveTextAsync("Completed");
        var chore = page.Locator(".task-row", new PageLocatorOptions { HasText = "Old chore" });
        await Expect(chore).ToBeVisibleAsync();
        await Expect(page.Locator(".task-row")).ToHaveCountAsync(1);
        // Back and forward move between views like pages.
        await page.GoBackAsync();
        await page.WaitForURLAsync(new Regex("/tasks\\?view=upcoming$"));
        await Expect(page.Locator("#view-title")).ToHaveTextAsync("Upcoming");
        await page.GoForwardAsync();
        await page.WaitForURLAsync(new Regex("/tasks\\?view=completed$"));
        await Expect(chore).ToBeVisibleAsync();
        await page.Locator("#search-input").FillAsync("nothing like it");
        await Expect(page.Locator("#empty-state")).ToBeVisibleAsync();
        await page.Locator("#search-input").FillAsync("chore");
        await Expect(chore).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("completed.png"), FullPage = true });
        // Restore is reopening: the task leaves the completed view.
        await chore.Locator(".task-check input").ClickAsync();
        await Expect(chore).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DeletingAProjectMovesItsTasksWhereTheUserChooses()
    {
        var page = await NewUserPageAsync();
        var errands = await CreateProjectAsync(page, "Errands", "#ff9933");
        await CreateProjectAsync(page, "Home", null);
        await page.Locator("#nav-all").ClickAsync();
        await WaitForTasksAsync(page);
        await AddAsync(page, "Post a letter #errands");
        await Expect(errands.Locator(".project-count")).ToHaveTextAsync("1");

        await errands.Locator(".project-menu button").ClickAsync();
        await page.Locator(".mud-popover-open .project-delete").ClickAsync();
        var dialog = page.Locator("#project-delete");
        await Expect(dialog).ToContainTextAsync("1 open");
        await dialog.Locator("div.mud-select", new LocatorLocatorOptions { HasText = "Move to" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Home" }).ClickAsync();
        await Expect(page.Locator("input#project-delete-target")).ToHaveValueAsync("Home");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("project-delete.png") });
        await page.Locator("#project-delete-confirm").ClickAsync();
        await Expect(errands).ToHaveCountAsync(0);
        var home = page.Locator("#project-list .project-item[data-project-name='Home']");
        await Expect(home.Locator(".project-count")).ToHaveTextAsync("1");
        await home.Locator(".project-link").ClickAsync();
        await WaitForTasksAsync(page);
        await Expect(page.Locator(".task-row", new PageLocatorOptions { HasText = "Post a letter" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnAPhoneTheSidebarIsClosedUntilTheMenuOpensItAndClosesAgainOnAPick()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "pj");
        await Expect(page.Locator("#projects-sidebar")).Not.ToBeInViewportAsync();

        await page.Locator("#nav-toggle").ClickAsync();
        await Expect(page.Locator("#projects-sidebar")).ToBeInViewportAsync();
        await CreateProjectAsync(page, "Garden", "#7ecc49");
        // Going to the new project closed the drawer; the menu opens it again.
        await Expect(page.Locator("#projects-sidebar")).Not.ToBeInViewportAsync();
        await page.Locator("#nav-toggle").ClickAsync();
        await Expect(page.Locator("#project-list .project-item[data-project-name='Garden']")).ToBeVisibleAsync();
        // The drawer slides in: the picture is taken once it is all on the screen.
        await page.WaitForFunctionAsync("() => document.querySelector('#projects-sidebar').getBoundingClientRect().left >= 0");
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("projects-phone.png") });

        await page.Locator("#nav-upcoming").ClickAsync();
        await page.WaitForURLAsync(new Regex("/tasks\\?view=upcoming$"));
        await Expect(page.Locator("#view-title")).ToHaveTextAsync("Upcoming");
        await Expect(page.Locator("#projects-sidebar")).Not.ToBeInViewportAsync();
    }

    internal static async Task<ILocator> CreateProjectAsync(IPage page, string name, string? color)
    {
        await page.Locator("#project-add").ClickAsync();
        await WaitForAutoFocusAsync(page.Locator("#project-name"));
        await page.Locator("#project-name").FillAsync(name);
        if (color is not null)
        {
            await page.Locator($"#project-editor .project-swatch[data-color='{color}']").ClickAsync();
        }

        await page.Locator("#project-save").ClickAsync();
        await Expect(page.Locator("#project-editor")).ToHaveCountAsync(0);
        await page.WaitForURLAsync(new Regex("/projects/[^/]+$"));
        await WaitForTasksAsync(page);
        var item = page.Locator($"#project-list .project-item[data-project-name='{name}']");
        await Expect(item).ToBeVisibleAsync();
        return item;
    }

    private async Task<IPage> NewUserPageAsync()
    {
        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1200, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "pj");
        await Expect(page.Locator("#projects-sidebar[data-ready=true]")).ToBeAttachedAsync();
        return page;
    }
}
