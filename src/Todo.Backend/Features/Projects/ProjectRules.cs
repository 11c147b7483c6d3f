using System.Globalization;
using System.Text.RegularExpressions;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Projects;

/// <summary>Every rule a project must satisfy, with messages a person can act on.</summary>
internal static partial class ProjectRules
{
    public const int MaxName = 60;
    public const int MaxProjects = 100;
    public const string OwnerRole = ProjectRoles.Owner;

    /// <summary>People a project can be shared with besides its owner.</summary>
    public const int MaxMembers = 50;

    public static string? Name(string? name, out string normalised)
    {
        normalised = (name ?? "").Trim();
        if (normalised.Length == 0)
        {
            return "A project needs a name.";
        }

        if (normalised.Length > MaxName)
        {
            return $"Project names can have at most {MaxName} characters (this one has {normalised.Length}).";
        }

        if (normalised.Any(char.IsControl))
        {
            return "Project names cannot contain control characters such as line breaks.";
        }

        return IsInboxName(normalised) ? $"\"{ProjectDto.InboxName}\" is the name of your Inbox; choose another name." : null;
    }

    public static bool IsInboxName(string name) => string.Equals(name.Trim(), ProjectDto.InboxName, StringComparison.OrdinalIgnoreCase);

    /// <summary>A colour is <c>#rrggbb</c>; an empty string clears it.</summary>
    public static string? Color(string? color, out string? normalised)
    {
        normalised = string.IsNullOrWhiteSpace(color) ? null : color.Trim().ToLower(CultureInfo.InvariantCulture);
        return normalised is null || HexColor().IsMatch(normalised) ? null : "Colours are written #rrggbb, e.g. #3f51b5.";
    }

    public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.CurrentCultureIgnoreCase);

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex HexColor();
}
