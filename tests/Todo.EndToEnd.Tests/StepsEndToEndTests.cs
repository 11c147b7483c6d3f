using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;
using Xunit.Abstractions;

namespace Todo.EndToEnd.Tests;

/// <summary>Subtasks as a checklist of steps (issue 15 item 2, ADR 0013), in a real browser against the whole stack.</summary>
public sealed class StepsEndToEndTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task StepsAreTypedTickedAndMovedByKeyboardShowProgressLiveAndCompleteWithTheTaskAfterAsking()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "steps");
        var otherTab = await context.NewPageAsync();
        await otherTab.GotoAsync("/");
        await WaitForTasksAsync(otherTab);
        await AddAsync(page, "Pack for the trip");
        var row = page.Locator(".task-row", new PageLocatorOptions { HasText = "Pack for the trip" });

        // Enter adds a step and keeps the focus in the field for the next one.
        await OpenEditorAsync(page, row.Locator(".task-edit"));
        var input = page.Locator("#editor-step-input");
        foreach (var step in new[] { "passport", "charger", "tickets" })
        {
            await input.FillAsync(step);
            await input.PressAsync("Enter");
            await Expect(page.Locator(".step-row .step-title input").Last).ToHaveValueAsync(step);
        }

        await Expect(input).ToBeFocusedAsync();
        await page.Locator(".step-row").Nth(0).Locator("input[type=checkbox]").ClickAsync();
        // Alt+Up moves the step being edited.
        await page.Locator(".step-row .step-title input").Nth(2).FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(page.Locator(".step-row .step-title input").Nth(1)).ToHaveValueAsync("tickets");
        await Expect(page.Locator("#editor-steps-progress")).ToHaveTextAsync("1/3");
        await page.Locator("#task-editor").ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath("steps-editor.png") });

        await page.Locator("#editor-save").ClickAsync();
        await Expect(row.Locator(".task-steps")).ToHaveTextAsync("1/3");
        // The other tab gets the checklist with the task event.
        await Expect(otherTab.Locator(".task-row", new PageLocatorOptions { HasText = "Pack for the trip" }).Locator(".task-steps")).ToHaveTextAsync("1/3", new() { Timeout = 5000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("steps-row.png") });

        // The order and the tick were saved.
        await row.Locator(".task-edit").ClickAsync();
        await Expect(page.Locator(".step-row .step-title input").Nth(1)).ToHaveValueAsync("tickets");
        await Expect(page.Locator(".step-row").Nth(0).Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await page.Locator("#editor-cancel").ClickAsync();
        await Expect(page.Locator("#task-editor")).ToHaveCountAsync(0);

        // Completing the parent asks first; No keeps it open, Complete ticks every step.
        await row.Locator(".task-check input").ClickAsync();
        var question = page.Locator(".mud-dialog", new PageLocatorOptions { HasText = "Complete the task and its 2 open steps?" });
        await Expect(question).ToBeVisibleAsync();
        // MudBlazor fades the dialog in; the screenshot waits for it to be opaque.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-dialog')].every(d => getComputedStyle(d).opacity === '1')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("steps-complete-question.png") });
        await question.Locator("button", new LocatorLocatorOptions { HasText = "Cancel" }).ClickAsync();
        await Expect(question).ToHaveCountAsync(0);
        await Expect(page.Locator("#section-completed .task-row")).ToHaveCountAsync(0);
        await Expect(row.Locator(".task-check input")).Not.ToBeCheckedAsync();

        await row.Locator(".task-check input").ClickAsync();
        await question.Locator("button", new LocatorLocatorOptions { HasText = "Complete" }).ClickAsync();
        var done = page.Locator("#section-completed .task-row", new PageLocatorOptions { HasText = "Pack for the trip" });
        await Expect(done.Locator(".task-steps")).ToHaveTextAsync("3/3", new() { Timeout = 5000 });
        output.WriteLine($"screenshots in {ScreenshotPath("")}");
    }
}
