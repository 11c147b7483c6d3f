using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapr.Client;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.EndToEnd.Tests.Infrastructure;
using Todo.ServiceDefaults.Auth;
using Todo.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// Two people sharing a project (issue 15 items 6 and 7), each in their own browser: A shares a project with B and adds
/// a task to it through the backend's REST API (as the sidebar's share dialog does); B's open task list shows it live,
/// without a reload; B completes it in the browser and A's open list shows that live; the project's activity names
/// who did what.
/// </summary>
public sealed class SharingEndToEndTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task TwoUsersSharingAProjectSeeEachOthersChangesLive()
    {
        await using var aliceBrowser = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        await using var bobBrowser = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        var alicePage = await aliceBrowser.NewPageAsync();
        // The first page of this class's stack can meet a cold web under a full suite: allow it a minute.
        alicePage.SetDefaultTimeout(60_000);
        var alice = await RegisterAsync(alicePage, "share");
        var bobPage = await bobBrowser.NewPageAsync();
        var bob = await RegisterAsync(bobPage, "share");

        using var aliceApi = await BackendAsAsync(alice);
        using var created = await aliceApi.PostAsJsonAsync("api/projects", new CreateProjectRequest("Household"), TodoJson.Options);
        var project = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ProjectDto>(TodoJson.Options))!;
        (await aliceApi.PostAsJsonAsync($"api/projects/{project.Id}/members", new ShareProjectRequest(bob, "editor"), TodoJson.Options)).EnsureSuccessStatusCode();
        (await aliceApi.PostAsJsonAsync("api/tasks", new CreateTaskRequest("Buy soap") { ProjectId = project.Id }, TodoJson.Options)).EnsureSuccessStatusCode();

        // Both lists were loaded before the share: the task arrives by live sync, in B's list as in A's.
        var bobRow = bobPage.Locator(".task-row", new PageLocatorOptions { HasText = "Buy soap" });
        await Expect(bobRow).ToBeVisibleAsync();
        await Expect(alicePage.Locator(".task-row", new PageLocatorOptions { HasText = "Buy soap" })).ToBeVisibleAsync();
        output.WriteLine("the shared task reached both open lists live");

        await bobRow.Locator(".task-check input").ClickAsync();

        await Expect(alicePage.Locator("#section-completed .task-row", new PageLocatorOptions { HasText = "Buy soap" })).ToBeVisibleAsync();
        await Expect(bobPage.Locator("#section-completed .task-row", new PageLocatorOptions { HasText = "Buy soap" })).ToBeVisibleAsync();
        await alicePage.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("sharing-owner-sees-member-complete.png"), FullPage = true });

        var activity = await Poll.UntilAsync(
            async () => (await aliceApi.GetFromJsonAsync<ActivityList>($"api/projects/{project.Id}/activity", TodoJson.Options))!.Items,
            items => items.Any(e => e.Action == "completed"), "the project's activity holds the create and the completion");
        Assert.Equal([(bob, "completed"), (alice, "created")], activity.Take(2).Select(e => (e.ActorName, e.Action)));
    }

    /// <summary>
    /// A client of the backend's REST API signed as todo-web signs it: a user token under the key the backend reads from
    /// the secret store (read here the same way, through the backend's sidecar and its API token).
    /// </summary>
    [Fact]
    public async Task TheOwnerSharesFromTheSidebarAndTheMemberFindsTheProjectInTheirs()
    {
        await using var aliceBrowser = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        await using var bobBrowser = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        var alicePage = await aliceBrowser.NewPageAsync();
        await RegisterAsync(alicePage, "sidebar");
        var bobPage = await bobBrowser.NewPageAsync();
        var bob = await RegisterAsync(bobPage, "sidebar");

        var project = await ProjectsEndToEndTests.CreateProjectAsync(alicePage, "Trip", null);
        await AddAsync(alicePage, "Pack the tent");
        await SharingLiveEndToEndTests.ShareFromSidebarAsync(alicePage, project, bob);
        await alicePage.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("sharing-dialog.png") });
        await alicePage.Locator("#share-close").ClickAsync(); // the actions sit outside the dialog content that carries the id

        // A fresh load shows it too (the live push to an open tab: SharingLiveEndToEndTests).
        await bobPage.ReloadAsync();
        var joined = bobPage.Locator("#project-list .project-item[data-project-name='Trip']");
        await Expect(joined).ToBeVisibleAsync();
        await joined.Locator(".project-link").ClickAsync();
        await Expect(bobPage.Locator(".task-row", new PageLocatorOptions { HasText = "Pack the tent" })).ToBeVisibleAsync();
    }

    private async Task<HttpClient> BackendAsAsync(string username)
    {
        var sidecar = stack.Emulator[DaprNames.BackendAppId];
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString()).UseDaprApiToken(sidecar.Options.DaprApiToken).Build();
        var secret = await dapr.GetSecretAsync(DaprNames.SecretStore, UserTokenDefaults.SigningKeySecretName);
        var key = new SymmetricSecurityKey(Convert.FromBase64String(secret[UserTokenDefaults.SigningKeySecretKey])) { KeyId = "todo-user-token" };

        var client = new HttpClient { BaseAddress = stack.BackendAddress };
        using var signedIn = await client.PostAsJsonAsync("api/accounts/sign-in", new SignInRequest(username, Password), TodoJson.Options);
        var profile = (await signedIn.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<UserProfile>(TodoJson.Options))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            UserTokenIssuer.Issue(key, profile.UserId, profile.Username, DateTimeOffset.UtcNow, sessionStamp: profile.SessionStamp));
        return client;
    }
}
