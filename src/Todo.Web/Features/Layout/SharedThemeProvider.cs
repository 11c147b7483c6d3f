using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace Todo.Web.Features.Layout;

/// <summary>
/// MudThemeProvider whose style sheet is one string per theme and mode for the whole process. MudThemeProvider builds its
/// CSS variables (about 33,000 characters) again on every render of the layout, and each circuit's two render trees
/// keep the last two copies: about 130 KB of an idle tab (bench <c>circuits</c>, issue 12 target 11). The markup is
/// MudThemeProvider's own, rendered once and reused; should a MudBlazor version render anything but markup there, the
/// provider renders as MudBlazor does, uncached (<c>SharedThemeProviderTests</c> pins both to the same markup).
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConditionalWeakTable<MudTheme, Dictionary<(bool Dark, bool DefaultScrollbar), string?>> Sheets = new();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // MUD0010 asks for the parameter's private ParameterState, which a subclass cannot reach; the mode only ever
        // changes through this parameter (the system's preference is reported to the layout, which sets it).
#pragma warning disable MUD0010
        var key = (IsDarkMode, DefaultScrollbar);
#pragma warning restore MUD0010
        var sheets = Sheets.GetValue(GetTheme(), _ => []);
        string? markup;
        lock (sheets)
        {
            if (!sheets.TryGetValue(key, out markup))
            {
                markup = MarkupOf(base.BuildRenderTree);
                sheets[key] = markup;
            }
        }

        if (markup is null)
        {
            base.BuildRenderTree(builder);
            return;
        }

        builder.AddMarkupContent(0, markup);
    }

    /// <summary>Whether the sheet of this theme and mode is the shared string (false: not built yet, or MudBlazor's own rendering).</summary>
    internal static bool IsShared(MudTheme theme, bool dark, bool defaultScrollbar = false) =>
        Sheets.TryGetValue(theme, out var sheets) && sheets.GetValueOrDefault((dark, defaultScrollbar)) is not null;

    /// <summary>The markup a render produces when it is nothing but markup frames; null otherwise.</summary>
    // BL0006: reading frames is the framework's business; here it only checks that the render is plain markup, and
    // falls back to MudBlazor's own rendering when it is not.
#pragma warning disable BL0006
    private static string? MarkupOf(Action<RenderTreeBuilder> render)
    {
        using var probe = new RenderTreeBuilder();
        render(probe);
        var frames = probe.GetFrames();
        var markup = new System.Text.StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            if (frame.FrameType != RenderTreeFrameType.Markup)
            {
                return null;
            }

            markup.Append(frame.MarkupContent);
        }

        return markup.ToString();
    }
#pragma warning restore BL0006
}
