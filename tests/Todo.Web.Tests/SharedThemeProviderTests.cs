using MudBlazor;
using Todo.Web.Features.Layout;

namespace Todo.Web.Tests;

/// <summary>
/// The layout's theme provider renders exactly MudThemeProvider's markup, light and dark, from one string per theme and
/// mode (issue 12 target 11). Fails on a MudBlazor upgrade that changes what the provider renders into something other
/// than markup: the provider then falls back to MudBlazor's rendering, correct but built per render again.
/// </summary>
public sealed class SharedThemeProviderTests : MudTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheMarkupIsMudBlazorsOwnAndBuiltOnce(bool dark)
    {
        var theme = new MudTheme();
        var mud = Render<MudThemeProvider>(p => p.Add(x => x.Theme, theme).Add(x => x.IsDarkMode, dark));
        var shared = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, theme).Add(x => x.IsDarkMode, dark));

        Assert.Contains("--mud-palette-primary", shared.Markup);
        shared.MarkupMatches(mud.Markup);
        Assert.True(SharedThemeProvider.IsShared(theme, dark));
        Assert.False(SharedThemeProvider.IsShared(theme, !dark));
    }

    [Fact]
    public void SwitchingTheModeRendersTheOtherSheet()
    {
        var theme = new MudTheme();
        var provider = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, theme).Add(x => x.IsDarkMode, false));
        var light = provider.Markup;

        provider.Render(p => p.Add(x => x.IsDarkMode, true));

        Assert.NotEqual(light, provider.Markup);
        provider.MarkupMatches(Render<MudThemeProvider>(p => p.Add(x => x.Theme, theme).Add(x => x.IsDarkMode, true)).Markup);
    }
}
