using Todo.Contracts.Accounts;
using Todo.Web.Features.Layout;
using Todo.Web.Features.Settings;

namespace Todo.Web.Tests;

/// <summary>The theme choice: the Settings picker, and the circuit's state the layout applies.</summary>
public sealed class ThemeTests : MudTestContext
{
    [Fact]
    public void ThePickerShowsTheSavedChoiceAndReportsANewOne()
    {
        string? chosen = null;
        var picker = Render<ThemePicker>(p => p
            .Add(x => x.Value, Themes.Light)
            .Add(x => x.ValueChanged, value => chosen = value));
        Assert.Equal(["Same as this device", "Light", "Dark"], picker.FindAll("#settings-theme label").Select(l => l.TextContent.Trim()));
        Assert.True(picker.Find(".theme-light input").HasAttribute("checked"));

        picker.Find(".theme-dark input").Click();

        Assert.Equal(Themes.Dark, chosen);
    }

    [Fact]
    public async Task AChangeIsAnnouncedOnceAndAnUnknownChoiceMeansSystem()
    {
        var state = new ThemeState();
        var announced = new List<string>();
        state.Changed += choice => { announced.Add(choice); return Task.CompletedTask; };

        await state.SetAsync(Themes.Dark);
        await state.SetAsync(Themes.Dark);
        await state.SetAsync("purple");
        await state.SetAsync(null);

        Assert.Equal([Themes.Dark, Themes.System], announced);
        Assert.Equal(Themes.System, state.Choice);
    }

    [Theory]
    [InlineData(Themes.System, true, true)]
    [InlineData(Themes.System, false, false)]
    [InlineData(Themes.Dark, false, true)]
    [InlineData(Themes.Light, true, false)]
    public void OnlySystemFollowsTheDevice(string choice, bool systemDark, bool dark) =>
        Assert.Equal(dark, ThemeState.IsDark(choice, systemDark));

    [Theory]
    [InlineData(Themes.Dark, Themes.System, Themes.Dark)]
    [InlineData(Themes.System, Themes.System, Themes.System)]
    [InlineData(Themes.Dark, Themes.Light, Themes.Light)]
    [InlineData(Themes.Light, Themes.Dark, Themes.Dark)]
    [InlineData(Themes.Dark, null, Themes.Dark)]
    public void AfterSignInASavedLightOrDarkWinsAndSavedSystemKeepsTheDevicesChoice(string device, string? saved, string expected) =>
        Assert.Equal(expected, ThemeState.AfterSignIn(device, saved));
}
