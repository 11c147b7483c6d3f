using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Todo.Contracts.Events;
using Todo.Web.Features.Live;
using Todo.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;
using Xunit.Abstractions;

namespace Todo.EndToEnd.Tests;

public sealed class TasksEndToEndTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task AQuickAddedTaskRemindsLiveInEveryTabOfItsOwnerAndNowhereElse()
    {
        var clock = Stopwatch.StartNew();
        await using var owner = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        await using var stranger = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });

        var page = await owner.NewPageAsync();
        await RegisterAsync(page, "e2e");
        var secondTab = await owner.NewPageAsync();
        await OpenTasksAsync(secondTab);
        var other = await stranger.NewPageAsync();
        await RegisterAsync(other, "e2e");
        output.WriteLine($"registered two users and opened three pages in {clock.ElapsedMilliseconds} ms");

        // The notifications hub (browser notifications) carries the same reminders, per user.
        var hubReminder = new TaskCompletionSource<ReminderDue>(TaskCreationOptions.RunContinuationsAsynchronously);
        var strangerReminders = new List<ReminderDue>();
        await using var ownerHub = await ConnectHubAsync(owner);
        await using var strangerHub = await ConnectHubAsync(stranger);
        ownerHub.On<ReminderDue>(NotificationsHub.ReminderMethod, r => hubReminder.TrySetResult(r));
        strangerHub.On<ReminderDue>(NotificationsHub.ReminderMethod, r => { lock (strangerReminders) { strangerReminders.Add(r); } });

        // Quick add shows what it understood while typing.
        var input = page.Locator("#quick-add-input");
        await input.FillAsync("Call mom in 5 seconds !high #family");
        await Expect(page.Locator(".quick-add-highlight mark.qa-priority")).ToHaveTextAsync("!high");
        await Expect(page.Locator(".quick-add-highlight mark.qa-tag")).ToHaveTextAsync("#family");
        await input.PressAsync("Enter");

        var row = page.Locator("#section-today .task-row", new PageLocatorOptions { HasText = "Call mom" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator(".task-priority")).ToHaveTextAsync("high");
        await Expect(row.Locator(".task-tag")).ToHaveTextAsync("#family");
        var dueAt = DateTimeOffset.Parse((await row.Locator(".task-due").GetAttributeAsync("title"))!, CultureInfo.InvariantCulture);
        output.WriteLine($"task added after {clock.ElapsedMilliseconds} ms, due at {dueAt:HH:mm:ss}");

        // The owner's other tab sees it without reloading.
        await Expect(secondTab.Locator(".task-row", new PageLocatorOptions { HasText = "Call mom" })).ToBeVisibleAsync();

        // The reminder toast arrives at the due second (within 2 s).
        var toast = page.Locator(".reminder-toast", new PageLocatorOptions { HasText = "Call mom" });
        await Expect(toast).ToBeVisibleAsync(new() { Timeout = (float)Math.Max(1000, (dueAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5)).TotalMilliseconds) });
        var late = DateTimeOffset.UtcNow - dueAt;
        output.WriteLine($"reminder toast visible {late.TotalMilliseconds:F0} ms after the due second");
        Assert.True(late < TimeSpan.FromSeconds(2), $"the toast came {late.TotalSeconds:F1} s after the due time");

        Assert.Equal("Call mom", (await hubReminder.Task.WaitAsync(TimeSpan.FromMilliseconds(Patience))).Title);

        await toast.Locator(".reminder-complete").ClickAsync();
        await Expect(page.Locator("#section-completed .task-row", new PageLocatorOptions { HasText = "Call mom" })).ToBeVisibleAsync();
        await Expect(secondTab.Locator("#section-completed .task-row", new PageLocatorOptions { HasText = "Call mom" })).ToBeVisibleAsync();

        // The other user saw none of it.
        Assert.Equal(0, await other.Locator(".task-row").CountAsync());
        Assert.Equal(0, await other.Locator(".reminder-toast").CountAsync());
        await Expect(other.Locator("#empty-state")).ToBeVisibleAsync();
        lock (strangerReminders)
        {
            Assert.Empty(strangerReminders);
        }

        // A fuller list for the screenshot: an upcoming repeating task and one without a date.
        await AddAsync(page, "Pay rent on the 1st every month !medium #home");
        await AddAsync(page, "Read a book #leisure");
        await Expect(page.Locator("#section-upcoming .task-row", new PageLocatorOptions { HasText = "Pay rent" }).Locator(".task-repeats")).ToBeVisibleAsync();
        await Expect(page.Locator("#section-nodate .task-row", new PageLocatorOptions { HasText = "Read a book" })).ToBeVisibleAsync();
        await page.Locator("#quick-add-input").FillAsync("Call the dentist tomorrow at 9am !high #health");
        await Expect(page.Locator(".quick-add-highlight mark.qa-tag")).ToHaveTextAsync("#health");

        var screenshot = Screenshots.PathFor("tasks.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        await page.SetViewportSizeAsync(390, 844);
        var phone = Path.Combine(Path.GetDirectoryName(screenshot)!, "tasks-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = phone, FullPage = true });
        output.WriteLine($"screenshot: {phone}");
        output.WriteLine($"scenario took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task AnAccessTokenIsShownOnceWithAReadyMcpConfigurationAndCanBeRevoked()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString(), ColorScheme = ColorScheme.Dark });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "e2e");
        await page.GotoAsync("/settings");
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("#tokens-empty")).ToBeVisibleAsync(new() { Timeout = Patience });

        await page.Locator("#token-name").FillAsync("laptop");
        await page.Locator("#token-create").ClickAsync();

        await Expect(page.Locator("#token-secret")).ToContainTextAsync("todo_pat_");
        await Expect(page.Locator("#token-config")).ToContainTextAsync("http://127.0.0.1:5280/mcp");
        await Expect(page.Locator("#tokens-table")).ToContainTextAsync("laptop");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("settings-dark.png"), FullPage = true });
        await page.Locator("#tokens-table button[aria-label='Revoke laptop']").ClickAsync();
        await Expect(page.Locator("#tokens-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task KeyboardShortcutsEditingAndDeletingWithUndoWork()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        var page = await context.NewPageAsync();
        await RegisterAsync(page, "e2e");

        await page.Keyboard.PressAsync("q");
        Assert.Equal("quick-add-input", await page.EvaluateAsync<string>("document.activeElement.id"));
        await AddAsync(page, "Buy milk");
        await page.EvaluateAsync("document.activeElement.blur()");
        await page.Keyboard.PressAsync("/");
        Assert.Equal("search-input", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.EvaluateAsync("document.activeElement.blur()");
        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("#shortcuts-dialog")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#shortcuts-dialog")).ToHaveCountAsync(0);

        var row = page.Locator("#section-nodate .task-row");
        await row.Locator(".task-edit").ClickAsync();
        await page.Locator("#editor-title").FillAsync("Buy oat milk");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("editor.png") });
        await page.Locator("#editor-save").ClickAsync();
        await Expect(row.Locator(".task-title")).ToHaveTextAsync("Buy oat milk");

        await row.Locator(".task-delete").ClickAsync();
        await page.Locator(".mud-dialog button", new PageLocatorOptions { HasText = "Delete" }).ClickAsync();
        await Expect(page.Locator("#empty-state")).ToBeVisibleAsync();
        await page.Locator(".mud-snackbar button", new PageLocatorOptions { HasText = "Undo" }).ClickAsync();
        await Expect(page.Locator(".task-row .task-title")).ToHaveTextAsync("Buy oat milk");
    }

    [Fact]
    public async Task TheNotificationsHubRefusesAnonymousConnections()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(stack.WebAddress, NotificationsHub.Path)).Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/events/reminders")]
    [InlineData("POST", "/events/task-events")]
    [InlineData("POST", "/events/diagnostics")]
    [InlineData("GET", "/dapr/subscribe")]
    public async Task TheWebsSidecarOnlyRoutesRefuseEveryoneButItsSidecar(string method, string path)
    {
        using var http = new HttpClient();
        HttpContent Forged() => System.Net.Http.Json.JsonContent.Create(new
        {
            eventId = Guid.NewGuid().ToString("N"), userId = "victim", taskId = "t1",
            title = "your session expired, sign in at http://evil.example", remindAt = DateTimeOffset.UtcNow,
        });
        HttpRequestMessage Request(Uri baseAddress, string? token)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), new Uri(baseAddress, path.TrimStart('/'))) { Content = method == "GET" ? null : Forged() };
            if (token is not null)
            {
                request.Headers.Add("dapr-api-token", token);
            }

            return request;
        }

        var webSidecar = stack.Emulator[Todo.Contracts.DaprNames.WebAppId];
        using var anonymous = await http.SendAsync(Request(stack.WebAddress, null));
        using var wrongToken = await http.SendAsync(Request(stack.WebAddress, "guess"));
        // Through the backend's sidecar, which adds todo-web's app token: refused because it came by invocation.
        var backendSidecar = stack.Emulator[Todo.Contracts.DaprNames.BackendAppId];
        using var invoked = await http.SendAsync(Request(new Uri(backendSidecar.HttpEndpoint, "/v1.0/invoke/todo-web/method/"), backendSidecar.Options.DaprApiToken));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, invoked.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(webSidecar.Options.AppApiToken);
    }

    [Fact]
    public async Task SigningInWithAWrongPasswordShowsTheBackendsMessage()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await WaitForCircuitAsync(page);
        await page.FillAsync("#username", $"nobody{Guid.NewGuid():N}"[..20]);
        await page.FillAsync("#password", "wrong password 123");
        await page.ClickAsync("#sign-in-submit");
        await Expect(page.Locator("#account-error")).ToContainTextAsync("incorrect");
    }

    private async Task<HubConnection> ConnectHubAsync(IBrowserContext context)
    {
        var cookies = await context.CookiesAsync();
        var header = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(stack.WebAddress, NotificationsHub.Path), options => options.Headers["Cookie"] = header)
            .Build();
        await hub.StartAsync();
        return hub;
    }

    private static async Task OpenTasksAsync(IPage page)
    {
        await page.GotoAsync("/");
        await WaitForTasksAsync(page);
    }
}
