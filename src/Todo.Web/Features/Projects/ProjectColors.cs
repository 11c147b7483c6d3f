namespace Todo.Web.Features.Projects;

/// <summary>The colours a project can take (the backend accepts any <c>#rrggbb</c>; a short palette reads better).</summary>
public static class ProjectColors
{
    public static readonly IReadOnlyList<(string Hex, string Name)> Palette =
    [
        ("#db4035", "Red"), ("#ff9933", "Orange"), ("#fad000", "Yellow"), ("#7ecc49", "Olive green"), ("#299438", "Green"),
        ("#14aaf5", "Sky blue"), ("#4073ff", "Blue"), ("#884dff", "Grape"), ("#eb96eb", "Lavender"), ("#808080", "Grey"),
    ];
}
