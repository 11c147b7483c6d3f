using System.Globalization;
using Microsoft.Playwright;
using Todo.Contracts;
using Todo.DaprEmulator.Hosting;
using Todo.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Todo.EndToEnd.Tests.Cluster;

/// <summary>
/// The person's side of the rehearsal (see <see cref="ClusterRehearsal"/>): headless Chromium on the two todo-web
/// replicas the chart deploys. The HTTP rehearsal covers every supported version; the browser runs on the oldest, 1.17,
/// where reminders take the Jobs API's alpha route.
/// </summary>
public sealed class ClusterBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ARemindersToastShowsOnTheCircuitsReplicaAndItsChangesReachATabOnTheOtherReplicaLive()
    {
        await using var cluster = await ClusterRehearsal.StartAsync(DaprVersion.Parse("1.17"));
        var webs = cluster.Pods.Where(p => p.Pod.AppId == DaprNames.WebAppId).Select(p => p.App).ToList();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var person = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = webs[0].ToString(),
            ViewportSize = new ViewportSize { Width = 1000, Height = 800 },
        });
        // The same person in another browser, on the other replica.
        await using var elsewhere = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = webs[1].ToString(),
            ViewportSize = new ViewportSize { Width = 1000, Height = 800 },
        });
        try
        {
            var onReplica0 = await person.NewPageAsync();
            var username = await BrowserSteps.RegisterAsync(onReplica0);

            var onReplica1 = await elsewhere.NewPageAsync();
            await BrowserSteps.SignInAsync(onReplica1, username);
            // Gone if the page reloads: what replica 1's tab shows from here on arrives live over its circuit.
            await onReplica1.EvaluateAsync("() => { window.rehearsalPage = true; }");

            await BrowserSteps.AddAsync(onReplica0, "Water the plants in 5 seconds #home");
            var row = onReplica0.Locator(".task-row", new PageLocatorOptions { HasText = "Water the plants" });
            await Expect(row).ToBeVisibleAsync();
            var dueAt = DateTimeOffset.Parse((await row.Locator(".task-due").GetAttributeAsync("title"))!, CultureInfo.InvariantCulture);

            // Live sync through pubsub-web: replica 1 has its own consumer group and pushes the change to its circuit.
            await Expect(onReplica1.Locator(".task-row", new PageLocatorOptions { HasText = "Water the plants" })).ToBeVisibleAsync();

            // The reminder: a Dapr job on 1.17's alpha Jobs route, its trigger on the backend, the event to every replica,
            // and the toast on the circuit of the tab that added it.
            var toast = onReplica0.Locator(".reminder-toast", new PageLocatorOptions { HasText = "Water the plants" });
            await Expect(toast).ToBeVisibleAsync(new() { Timeout = (float)Math.Max(1000, (dueAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10)).TotalMilliseconds) });
            output.WriteLine($"reminder toast visible {(DateTimeOffset.UtcNow - dueAt).TotalMilliseconds:F0} ms after the due second");
            await onReplica0.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("cluster-replica0-toast.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

            // Completing it from the toast on replica 0 moves it to Completed in the tab on replica 1, without a reload.
            await toast.Locator(".reminder-complete").ClickAsync();
            await Expect(onReplica1.Locator("#section-completed .task-row", new PageLocatorOptions { HasText = "Water the plants" })).ToBeVisibleAsync();
            Assert.True(await onReplica1.EvaluateAsync<bool>("() => window.rehearsalPage === true"), "replica 1's tab reloaded");
            await onReplica1.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("cluster-replica1-live.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        }
        catch
        {
            await chromium.ScreenshotEveryPageAsync("cluster-failure");
            throw;
        }
    }

    [Fact]
    public async Task TheSignInCookieOfOneReplicaOpensTheListOnTheOther()
    {
        await using var cluster = await ClusterRehearsal.StartAsync(DaprVersion.Parse("1.19"));
        var webs = cluster.Pods.Where(p => p.Pod.AppId == DaprNames.WebAppId).Select(p => p.App).ToList();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var person = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = webs[0].ToString() });
        await BrowserSteps.RegisterAsync(await person.NewPageAsync());

        // The same browser moved to the other replica, as a rollout or a scale-in does despite the Ingress's affinity
        // cookie: both replicas are on 127.0.0.1, so the sign-in cookie replica 0 issued goes along.
        var onReplica1 = await person.NewPageAsync();
        await onReplica1.GotoAsync(new Uri(webs[1], "/").ToString());
        Assert.True(new Uri(onReplica1.Url).AbsolutePath == "/",
            $"replica 1 sent the signed-in browser to {onReplica1.Url}: it cannot read replica 0's sign-in cookie (each pod has its own data-protection key ring)");
        await BrowserSteps.WaitForTasksAsync(onReplica1);
    }
}
