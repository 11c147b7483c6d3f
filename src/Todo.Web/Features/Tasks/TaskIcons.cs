using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// The icons of a task row, written once per page as an SVG sprite and referenced by each row with <c>&lt;use&gt;</c>.
/// Inline, each icon's path data is 300–700 characters: six of them in each of 500 rows made the first render of a
/// long list about 2 MB of markup to send, parse and keep (issue 12, targets 10 and 11). The classes are MudBlazor's
/// icon classes, so a row looks as MudIcon would draw it.
/// </summary>
public static class TaskIcons
{
    private static readonly (string Name, string Paths)[] All =
    [
        ("checked", Icons.Material.Filled.CheckBox),
        ("unchecked", Icons.Material.Filled.CheckBoxOutlineBlank),
        ("event", Icons.Material.Filled.Event),
        ("checklist", Icons.Material.Filled.Checklist),
        ("repeat", Icons.Material.Filled.Repeat),
        ("alarm", Icons.Material.Filled.Alarm),
        ("edit", Icons.Material.Filled.Edit),
        ("delete", Icons.Material.Filled.Delete),
        ("drag", Icons.Material.Filled.DragIndicator),
    ];

    /// <summary>The hidden sprite: once on a page that shows task rows.</summary>
    public static readonly MarkupString Sprite = new(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"display:none\" aria-hidden=\"true\">"
        + string.Concat(All.Select(i => $"<symbol id=\"task-icon-{i.Name}\" viewBox=\"0 0 24 24\">{i.Paths}</symbol>"))
        + "</svg>");

    public static readonly MarkupString Checked = Use("checked", "medium");
    public static readonly MarkupString Unchecked = Use("unchecked", "medium");
    public static readonly MarkupString Event = Use("event", "small");
    public static readonly MarkupString Checklist = Use("checklist", "small mud-chip-icon");
    public static readonly MarkupString Repeat = Use("repeat", "small");
    public static readonly MarkupString Alarm = Use("alarm", "small");
    public static readonly MarkupString Drag = Use("drag", "small");
    public static readonly MarkupString EditLabel = new($"<span class=\"mud-icon-button-label\">{Use("edit", "small")}</span>");
    public static readonly MarkupString DeleteLabel = new($"<span class=\"mud-icon-button-label\">{Use("delete", "small")}</span>");

    private static MarkupString Use(string name, string size) =>
        new($"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{size}\" focusable=\"false\" aria-hidden=\"true\"><use href=\"#task-icon-{name}\"/></svg>");
}
