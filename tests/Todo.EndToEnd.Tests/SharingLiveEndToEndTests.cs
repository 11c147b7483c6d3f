using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// Sharing, live, across two todo-web replicas (issue 15 items 6 and 7): Alice's browser talks to pod todo-web-0,
/// Bob's to todo-web-1, both replicas subscribe through the Kubernetes `pubsub-web` component (a consumer group per
/// pod) while the backend publishes through `pubsub`. Membership changes reach Bob's open tab without a reload; task
/// changes reach each other's tabs on the other replica; the project's activity page says who did what.
/// </summary>
public sealed class SharingLiveEndToEndTests(TwoWebPodsStack pods, ITestOutputHelper output) : IClassFixture<TwoWebPodsStack>
{
    private readonly StackFixture _stack = pods.Stack;

    [Fact]
    public async Task BobsOpenTabShowsAProjectAliceSharesWithHimAndLosesItWhenSheRemovesHim()
    {
        var (alicePage, bobPage, alice, bob) = await TwoUsersAsync("live");
        await using var _ = alicePage.Context;
        await using var __ = bobPage.Context;

        var project = await ProjectsEndToEndTests.CreateProjectAsync(alicePage, "Garden", null);
        await AddAsync(alicePage, "Mow the lawn");
        var dialog = await ShareFromSidebarAsync(alicePage, project, bob);

        // No reload: the membership event reaches Bob's tab on the other replica.
        var joined = bobPage.Locator("#project-list .project-item[data-project-name='Garden']");
        await Expect(joined).ToBeVisibleAsync();
        output.WriteLine($"{bob}'s open sidebar (todo-web-1) shows the project {alice} shared on todo-web-0");
        await joined.Locator(".project-link").ClickAsync();
        await Expect(bobPage.Locator(".task-row", new PageLocatorOptions { HasText = "Mow the lawn" })).ToBeVisibleAsync();
        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("sharing-live-joined.png") });

        await dialog.Locator($"#share-remove-{bob}").ClickAsync();
        await Expect(dialog.Locator($"#share-member-{bob}")).ToHaveCountAsync(0);

        // Bob was looking at it: his tab leaves for the Inbox and says why; the project is gone from his sidebar.
        await bobPage.WaitForURLAsync(new Regex("/projects/inbox$"));
        await Expect(bobPage.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "You were removed from “Garden”" })).ToBeVisibleAsync();
        await Expect(joined).ToHaveCountAsync(0);
        // The snackbar fades in: Playwright fast-forwards finite transitions to their end for the screenshot.
        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("sharing-removed-member.png"), Animations = ScreenshotAnimations.Disabled });
    }

    [Fact]
    public async Task TwoUsersOnTwoWebReplicasSeeEachOthersTaskChangesLiveAndTheActivitySaysWhoDidWhat()
    {
        var (alicePage, bobPage, alice, bob) = await TwoUsersAsync("pods");
        await using var _ = alicePage.Context;
        await using var __ = bobPage.Context;

        var project = await ProjectsEndToEndTests.CreateProjectAsync(alicePage, "Flat", null);
        await ShareFromSidebarAsync(alicePage, project, bob);
        await alicePage.Locator("#share-close").ClickAsync();

        var joined = bobPage.Locator("#project-list .project-item[data-project-name='Flat']");
        await joined.Locator(".project-link").ClickAsync();
        await WaitForTasksAsync(bobPage);

        // Alice adds on todo-web-0: Bob's open list on todo-web-1 shows it.
        await AddAsync(alicePage, "Buy a doormat");
        var bobRow = bobPage.Locator(".task-row", new PageLocatorOptions { HasText = "Buy a doormat" });
        await Expect(bobRow).ToBeVisibleAsync();
        // Bob adds and completes on todo-web-1: Alice's open list on todo-web-0 shows both.
        await AddAsync(bobPage, "Fix the shelf");
        await Expect(alicePage.Locator(".task-row", new PageLocatorOptions { HasText = "Fix the shelf" })).ToBeVisibleAsync();
        await bobRow.Locator(".task-check input").ClickAsync();
        await Expect(alicePage.Locator("#section-completed .task-row", new PageLocatorOptions { HasText = "Buy a doormat" })).ToBeVisibleAsync();
        output.WriteLine($"{alice} (todo-web-0) and {bob} (todo-web-1) saw each other's changes live");

        // The activity page, from the project's header; Alice keeps it open while Bob changes another task.
        await alicePage.Locator("#view-activity").ClickAsync();
        await alicePage.WaitForURLAsync(new Regex("/activity$"));
        var entries = alicePage.Locator("#activity-list .activity-entry");
        await Expect(entries).ToHaveCountAsync(4, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        await Expect(entries.Nth(0)).ToContainTextAsync($"{bob} completed “Buy a doormat”");
        await Expect(entries.Nth(1)).ToContainTextAsync($"{bob} added “Fix the shelf”");
        await Expect(entries.Nth(2)).ToContainTextAsync($"{alice} added “Buy a doormat”");
        await Expect(entries.Nth(3)).ToContainTextAsync($"{alice} shared the project with {bob} as editor");

        await bobPage.Locator(".task-row", new PageLocatorOptions { HasText = "Fix the shelf" }).Locator(".task-check input").ClickAsync();
        await Expect(entries).ToHaveCountAsync(5);
        await Expect(entries.Nth(0)).ToContainTextAsync($"{bob} completed “Fix the shelf”");
        await alicePage.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("project-activity.png") });
    }

    /// <summary>
    /// The owner shares a project from its sidebar menu by username (as an editor, the dialog's default) and the dialog
    /// lists the new member; the dialog stays open.
    /// </summary>
    internal static async Task<ILocator> ShareFromSidebarAsync(IPage owner, ILocator project, string username)
    {
        await project.Locator(".project-menu button").ClickAsync();
        await owner.Locator(".mud-popover-open .project-share").ClickAsync();
        var dialog = owner.Locator("#share-dialog");
        await WaitForAutoFocusAsync(dialog.Locator("#share-username"));
        await dialog.Locator("#share-username").FillAsync(username);
        await dialog.Locator("#share-submit").ClickAsync();
        await Expect(dialog.Locator($"#share-member-{username}")).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>Alice registered through todo-web-0 and Bob through todo-web-1, each in their own browser, lists open.</summary>
    private async Task<(IPage Alice, IPage Bob, string AliceName, string BobName)> TwoUsersAsync(string prefix)
    {
        var aliceBrowser = await _stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _stack.WebAddresses[0].ToString() });
        var bobBrowser = await _stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _stack.WebAddresses[1].ToString() });
        var alicePage = await aliceBrowser.NewPageAsync();
        var bobPage = await bobBrowser.NewPageAsync();
        // The first pages of this class's stack can meet two cold webs under a full suite: allow them a minute.
        alicePage.SetDefaultTimeout(60_000);
        bobPage.SetDefaultTimeout(60_000);
        var alice = await RegisterAsync(alicePage, prefix);
        var bob = await RegisterAsync(bobPage, prefix);
        return (alicePage, bobPage, alice, bob);
    }
}
