using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Todo.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Todo.EndToEnd.Tests.Infrastructure.BrowserSteps;

namespace Todo.EndToEnd.Tests;

/// <summary>
/// Settings → Account as people use it, on two devices (two browser contexts, two cookies) of one account.
/// </summary>
public sealed partial class AccountEndToEndTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task ChangingThePasswordOnOneDeviceSignsOutTheOtherAndKeepsThisOne()
    {
        await using var devices = await SignedInOnTwoDevicesAsync();
        var (username, page, phonePage) = (devices.Username, devices.Laptop, devices.Phone);
        await page.FillAsync("#current-password", Password);
        await page.FillAsync("#new-password", "a much newer passphrase");
        await page.FillAsync("#confirm-password", "a much newer passphrase");
        await page.ClickAsync("#change-password-submit");

        await Expect(page.Locator("#password-changed")).ToContainTextAsync("signed out");
        await page.GotoAsync("/");
        await WaitForTasksAsync(page);
        // A tab of this browser whose circuit still had the old session is sent to sign-in, and carries on.
        await page.GotoAsync("/sign-in?returnUrl=%2Fsettings");
        await Expect(page).ToHaveURLAsync(SettingsUrl());
        await WaitForCircuitAsync(page);
        await phonePage.GotoAsync("/settings");
        await Expect(phonePage).ToHaveURLAsync(SignInUrl());
        await SignInAsync(phonePage, username, Password, expectSuccess: false);
        await Expect(phonePage.Locator("#account-error")).ToContainTextAsync("incorrect");
        await SignInAsync(phonePage, username, "a much newer passphrase");
    }

    [Fact]
    public async Task DeletingTheAccountNeedsThePasswordAndTheUsernameAndEndsTheSessionOnEveryDevice()
    {
        await using var devices = await SignedInOnTwoDevicesAsync();
        var (username, page, phonePage) = (devices.Username, devices.Laptop, devices.Phone);
        await page.ClickAsync("#delete-account-start");
        await page.FillAsync("#delete-password", "not my password");
        await Expect(page.Locator("#delete-account-submit")).ToBeDisabledAsync();
        await page.FillAsync("#delete-confirm", username);
        await page.ClickAsync("#delete-account-submit");
        await Expect(page.Locator("#delete-error")).ToContainTextAsync("not correct");

        await WaitForCircuitAsync(page);
        await page.FillAsync("#delete-password", Password);
        await page.FillAsync("#delete-confirm", username);
        await page.ClickAsync("#delete-account-submit");

        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.Locator("#account-notice")).ToContainTextAsync("deleted");
        await phonePage.ReloadAsync();
        await Expect(phonePage).ToHaveURLAsync(SignInUrl());
        await SignInAsync(phonePage, username, Password, expectSuccess: false);
        await Expect(phonePage.Locator("#account-error")).ToContainTextAsync("incorrect");
    }

    [Fact]
    public async Task SigningOutEverywhereEndsTheSessionOnEveryDeviceAndSigningOutStillWorks()
    {
        await using var devices = await SignedInOnTwoDevicesAsync();
        var (username, page, phonePage) = (devices.Username, devices.Laptop, devices.Phone);
        await page.ClickAsync("#sign-out-everywhere");

        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.Locator("#account-notice")).ToContainTextAsync("every device");
        await phonePage.ReloadAsync();
        await Expect(phonePage).ToHaveURLAsync(SignInUrl());
        await SignInAsync(phonePage, username, Password);
        await phonePage.ClickAsync("#sign-out");
        await Expect(phonePage).ToHaveURLAsync(SignInUrl());
        await phonePage.GotoAsync("/settings");
        await Expect(phonePage).ToHaveURLAsync(SignInUrl());
    }

    [Fact]
    public async Task APostFromAnotherSiteCannotChangeThePasswordSignOutOrDeleteTheAccount()
    {
        await using var laptop = await NewDeviceAsync();
        var page = await laptop.NewPageAsync();
        var username = await RegisterAsync(page, "acct");
        var cookie = string.Join("; ", (await laptop.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        using var otherSite = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.WebAddress };

        // What a page on another site can make the browser send: the cookie, but no antiforgery token.
        foreach (var (path, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/account/change-password", new() { ["currentPassword"] = Password, ["newPassword"] = "chosen by the attacker", ["confirmPassword"] = "chosen by the attacker" }),
            ("/account/sign-out-everywhere", []),
            ("/account/sign-out", []),
            ("/account/delete", new() { ["password"] = Password, ["confirmUsername"] = username }),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("Cookie", cookie);
            using var response = await otherSite.SendAsync(request);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}");
        }

        await page.GotoAsync("/settings");
        await WaitForCircuitAsync(page);
        await Expect(page).ToHaveURLAsync(SettingsUrl());
        await using var phone = await NewDeviceAsync();
        await SignInAsync(await phone.NewPageAsync(), username, Password);
    }

    private Task<IBrowserContext> NewDeviceAsync() =>
        stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });

    /// <summary>
    /// What each two-device test starts from: one new account signed in on a laptop, which is on Settings, and on a phone.
    /// </summary>
    private async Task<TwoDevices> SignedInOnTwoDevicesAsync()
    {
        var laptop = await NewDeviceAsync();
        var phone = await NewDeviceAsync();
        try
        {
            var username = await RegisterAsync(await laptop.NewPageAsync(), "acct");
            var phonePage = await phone.NewPageAsync();
            await SignInAsync(phonePage, username, Password);

            var page = laptop.Pages[0];
            await page.GotoAsync("/settings");
            await WaitForCircuitAsync(page);
            return new TwoDevices(laptop, phone, username, page, phonePage);
        }
        catch
        {
            await new TwoDevices(laptop, phone, "", null!, null!).DisposeAsync();
            throw;
        }
    }

    private sealed record TwoDevices(IBrowserContext LaptopContext, IBrowserContext PhoneContext, string Username, IPage Laptop, IPage Phone)
        : IAsyncDisposable
    {
        // In the order the tests' own `await using` lines disposed them: the phone first.
        public async ValueTask DisposeAsync()
        {
            await PhoneContext.DisposeAsync();
            await LaptopContext.DisposeAsync();
        }
    }

    private static async Task SignInAsync(IPage page, string username, string password, bool expectSuccess = true)
    {
        if (new Uri(page.Url).AbsolutePath != "/sign-in")
        {
            await page.GotoAsync("/sign-in");
        }

        await WaitForCircuitAsync(page);
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in-submit");
        if (expectSuccess)
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/sign-in");
            await WaitForCircuitAsync(page);
        }
    }

    private static Regex SignInUrl() => SignInPath();

    [GeneratedRegex("/sign-in")]
    private static partial Regex SignInPath();

    [GeneratedRegex("/settings$")]
    private static partial Regex SettingsUrl();
}
