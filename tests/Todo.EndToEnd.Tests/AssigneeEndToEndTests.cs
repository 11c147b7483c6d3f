using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// The optional assignee (issue 15 item 6) in the browser: the owner shares a project from the sidebar, opens a task
/// of it in the editor, picks the member from the assignee picker (the project's members) and saves; the row shows the
/// member's initials, and so does the member's own list of the project. Unassigning in the editor removes them.
/// </summary>
public sealed class AssigneeEndToEndTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task TheOwnerAssignsATaskToAMemberAndBothRowsShowTheAssignee()
    {
        await using var aliceBrowser = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        await using var bobBrowser = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        var alicePage = await aliceBrowser.NewPageAsync();
        // The first page of this class's stack can meet a cold web under a full suite: allow it a minute.
        alicePage.SetDefaultTimeout(60_000);
        await RegisterAsync(alicePage, "assign");
        var bobPage = await bobBrowser.NewPageAsync();
        var bob = await RegisterAsync(bobPage, "assign");

        var project = await ProjectsEndToEndTests.CreateProjectAsync(alicePage, "Flat", null);
        await AddAsync(alicePage, "Take out the bins");
        await project.Locator(".project-menu button").ClickAsync();
        await alicePage.Locator(".mud-popover-open .project-share").ClickAsync();
        await WaitForAutoFocusAsync(alicePage.Locator("#share-dialog #share-username"));
        await alicePage.Locator("#share-dialog #share-username").FillAsync(bob);
        await alicePage.Locator("#share-dialog #share-submit").ClickAsync();
        await Expect(alicePage.Locator($"#share-dialog #share-member-{bob}")).ToBeVisibleAsync();
        await alicePage.Locator("#share-close").ClickAsync();

        var row = alicePage.Locator(".task-row", new PageLocatorOptions { HasText = "Take out the bins" });
        await Expect(row.Locator(".task-assignee")).ToHaveCountAsync(0);
        await row.Locator(".task-edit").ClickAsync();
        await alicePage.Locator("#task-editor div.mud-select", new PageLocatorOptions { HasText = "Assignee" }).First.ClickAsync();
        await alicePage.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = bob }).ClickAsync();
        await Expect(alicePage.Locator("input#editor-assignee")).ToHaveValueAsync(bob);
        await alicePage.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("assignee-picker.png") });
        await alicePage.Locator("#editor-save").ClickAsync();
        await Expect(alicePage.Locator("#task-editor")).ToHaveCountAsync(0);

        var badge = row.Locator(".task-assignee");
        await Expect(badge).ToHaveTextAsync(bob[..2].ToUpperInvariant());
        await Expect(badge).ToHaveAttributeAsync("aria-label", $"Assigned to {bob}");
        await alicePage.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("assignee-row.png"), FullPage = true });
        output.WriteLine($"the row shows {bob}'s initials");

        // The member's sidebar learns of the project on its next load; their row names the assignee too.
        await bobPage.ReloadAsync();
        var joined = bobPage.Locator("#project-list .project-item[data-project-name='Flat']");
        await Expect(joined).ToBeVisibleAsync();
        await joined.Locator(".project-link").ClickAsync();
        var bobsRow = bobPage.Locator(".task-row", new PageLocatorOptions { HasText = "Take out the bins" });
        await Expect(bobsRow.Locator(".task-assignee")).ToHaveAttributeAsync("aria-label", $"Assigned to {bob}");

        await row.Locator(".task-edit").ClickAsync();
        await Expect(alicePage.Locator("input#editor-assignee")).ToHaveValueAsync(bob);
        await alicePage.Locator("#task-editor .mud-select:has(#editor-assignee) .mud-input-clear-button").ClickAsync();
        // As after a pick (above), the select is seen to change before Save: its handlers wait on the browser.
        await Expect(alicePage.Locator("input#editor-assignee")).ToHaveValueAsync("");
        await alicePage.Locator("#editor-save").ClickAsync();
        await Expect(alicePage.Locator("#task-editor")).ToHaveCountAsync(0);
        await Expect(row.Locator(".task-assignee")).ToHaveCountAsync(0);
    }
}
