using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Todo.Web.Features.Accounts;

namespace Todo.Web.Tests;

public sealed class AccountSettingsTests : MudTestContext
{
    public AccountSettingsTests() => Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());

    [Fact]
    public void DeletingAsksForThePasswordAndStaysDisabledUntilTheUsernameIsTyped()
    {
        var settings = Render<AccountSettings>(p => p.Add(s => s.Username, "alice"));
        Assert.Empty(settings.FindAll("#delete-account-form"));

        settings.Find("#delete-account-start").Click();
        var submit = () => settings.Find("#delete-account-submit");
        Assert.True(submit().HasAttribute("disabled"));
        settings.Find("#delete-confirm").Input("alic");
        Assert.True(submit().HasAttribute("disabled"));
        settings.Find("#delete-confirm").Input(" Alice ");

        Assert.False(submit().HasAttribute("disabled"));
        var form = settings.Find("#delete-account-form");
        Assert.Equal(("post", "/account/delete"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("password", settings.Find("#delete-password").GetAttribute("type"));
        Assert.True(settings.Find("#delete-password").HasAttribute("required"));
    }

    [Fact]
    public void CancellingClosesTheDeleteFormAndForgetsTheConfirmation()
    {
        var settings = Render<AccountSettings>(p => p.Add(s => s.Username, "alice"));
        settings.Find("#delete-account-start").Click();
        settings.Find("#delete-confirm").Input("alice");

        settings.Find("#delete-account-cancel").Click();
        settings.Find("#delete-account-start").Click();

        Assert.True(settings.Find("#delete-account-submit").HasAttribute("disabled"));
    }

    [Fact]
    public void EveryAccountFormPostsWithAnAntiforgeryTokenAndNoFieldThatNamesTheUser()
    {
        var settings = Render<AccountSettings>(p => p.Add(s => s.Username, "alice"));
        settings.Find("#delete-account-start").Click();

        var forms = settings.FindAll("form");

        Assert.Equal(["/account/change-password", "/account/sign-out-everywhere", "/account/delete"], forms.Select(f => f.GetAttribute("action")));
        Assert.All(forms, form =>
        {
            Assert.Equal("post", form.GetAttribute("method"));
            Assert.Equal(FixedAntiforgery.Token, form.QuerySelector($"input[name='{FixedAntiforgery.Field}']")?.GetAttribute("value"));
            var names = form.QuerySelectorAll("input[name]").Select(i => i.GetAttribute("name")).ToList();
            Assert.DoesNotContain(names, n => n is "userId" or "username" or "user");
        });
        Assert.Equal(["currentPassword", "newPassword", "confirmPassword"],
            forms[0].QuerySelectorAll("input[type=password]").Select(i => i.GetAttribute("name")));
    }

    [Fact]
    public void OutcomesShowWhereTheyBelongAndAFailedDeletionKeepsItsFormOpen()
    {
        var settings = Render<AccountSettings>(p => p
            .Add(s => s.Username, "alice")
            .Add(s => s.Notice, "password-changed")
            .Add(s => s.DeleteError, "The password is not correct."));

        Assert.Contains("signed out", settings.Find("#password-changed").TextContent);
        Assert.Equal("The password is not correct.", settings.Find("#delete-error").TextContent.Trim());
        Assert.NotNull(settings.Find("#delete-account-form"));
        Assert.Empty(settings.FindAll("#password-error"));
    }

    [Fact]
    public void AnUnknownNoticeShowsNothing()
    {
        var settings = Render<AccountSettings>(p => p.Add(s => s.Username, "alice").Add(s => s.Notice, "you-won-a-prize"));

        Assert.Empty(settings.FindAll(".mud-alert"));
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public const string Field = "__RequestVerificationToken";
        public const string Token = "test-antiforgery-token";

        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, Field);
    }
}
