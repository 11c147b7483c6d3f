using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Todo.Web.Features.Layout;

/// <summary>
/// Icons of the page's frame (app bar, sidebar) as markup in MudIcon's classes, one shared string per icon for the whole
/// process: as MudIcon and MudIconButton components, the two dozen on every page cost each open tab a component, a render
/// tree and MudBlazor's parameter state apiece (bench <c>circuits</c>, issue 12 target 11). They draw the same.
/// </summary>
public static class Glyph
{
    private static readonly ConcurrentDictionary<(string Paths, string Size, string? Class), MarkupString> Icons = new();
    private static readonly ConcurrentDictionary<(string Paths, string Size), MarkupString> ButtonLabels = new();

    /// <summary>An icon as MudIcon draws it (<paramref name="paths"/> is one of MudBlazor's <c>Icons</c>).</summary>
    public static MarkupString Icon(string paths, string size = "medium", string? cssClass = null) =>
        Icons.GetOrAdd((paths, size, cssClass), key => new(
            $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{key.Size}{(key.Class is null ? "" : " " + key.Class)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Paths}</svg>"));

    /// <summary>The inside of an icon button, as MudIconButton draws it.</summary>
    public static MarkupString ButtonLabel(string paths, string size = "medium") =>
        ButtonLabels.GetOrAdd((paths, size), key => new($"<span class=\"mud-icon-button-label\">{Icon(key.Paths, key.Size)}</span>"));

    /// <summary>MudIconButton's classes for an app-bar button (Color.Inherit).</summary>
    public const string AppBarButton = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    /// <summary>MudButton's classes for a text button in the app bar (Variant.Text, Color.Inherit).</summary>
    public const string AppBarTextButton = "mud-button-root mud-button mud-button-text mud-button-text-inherit mud-button-text-size-medium mud-ripple";
}
