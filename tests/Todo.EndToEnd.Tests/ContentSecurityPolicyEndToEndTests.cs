using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;
using Xunit.Abstractions;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// The web's Content-Security-Policy, enforced by a real Chromium: the whole app (circuit, MudBlazor dialogs,
/// popovers, snackbars, the import map, the notifications hub) keeps working and the browser reports no violation.
/// </summary>
public sealed class ContentSecurityPolicyEndToEndTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task TheAppWorksUnderItsContentSecurityPolicyWithoutASingleViolation()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        // Init scripts run outside the page's policy: a listener that records what the policy blocked.
        await context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
            """);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (console)
                {
                    console.Add($"{message.Type}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (console)
            {
                console.Add($"page error: {error}");
            }
        };

        var document = await page.GotoAsync("/register");
        Assert.Contains("frame-ancestors 'none'", await document!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        await SubmitRegistrationAsync(page, "csp");

        // Quick add, the editor dialog, the shortcuts dialog, delete with the undo snackbar: MudBlazor's popovers,
        // inline styles and JS interop all run.
        var input = page.Locator("#quick-add-input");
        await input.FillAsync("Buy milk !high #home");
        await input.PressAsync("Enter");
        var row = page.Locator("#section-nodate .task-row");
        await Assertions.Expect(row.Locator(".task-title")).ToHaveTextAsync("Buy milk", new() { Timeout = (float)Patience.TotalMilliseconds });
        await row.Locator(".task-edit").ClickAsync();
        await page.Locator("#editor-title").FillAsync("Buy oat milk");
        await page.Locator("#editor-save").ClickAsync();
        await Assertions.Expect(row.Locator(".task-title")).ToHaveTextAsync("Buy oat milk");
        await page.EvaluateAsync("document.activeElement && document.activeElement.blur()");
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator("#shortcuts-dialog")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await row.Locator(".task-delete").ClickAsync();
        await page.Locator(".mud-dialog button", new PageLocatorOptions { HasText = "Delete" }).ClickAsync();
        await page.Locator(".mud-snackbar button", new PageLocatorOptions { HasText = "Undo" }).ClickAsync();
        await Assertions.Expect(page.Locator(".task-row .task-title")).ToHaveTextAsync("Buy oat milk");

        // A reload goes through the import map and the reconnect script again with a fresh nonce.
        await page.ReloadAsync();
        await WaitForTasksAsync(page);

        var violations = await page.EvaluateAsync<string[]>("window.__cspViolations");

        // The listener itself works: an injected inline script (what an XSS would add) is blocked and reported.
        await page.EvaluateAsync("""
            () => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s); }
            """);
        await page.WaitForFunctionAsync("window.__cspViolations.length > 0", null, new() { Timeout = (float)Patience.TotalMilliseconds });
        Assert.Null(await page.EvaluateAsync<bool?>("window.__injected"));
        string[] messages;
        lock (console)
        {
            messages = [.. console];
        }

        foreach (var message in messages)
        {
            output.WriteLine(message);
        }

        Assert.Empty(violations);
        Assert.DoesNotContain(messages, m => (m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal)) &&
                                             !m.Contains("inline script", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(messages, m => m.StartsWith("page error", StringComparison.Ordinal));
    }
}
