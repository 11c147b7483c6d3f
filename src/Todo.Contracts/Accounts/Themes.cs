namespace Todo.Contracts.Accounts;

/// <summary>The light/dark choices a user can save with their settings (<see cref="UserProfile.Theme"/>).</summary>
public static class Themes
{
    /// <summary>Follow the device's light/dark setting (the default).</summary>
    public const string System = "system";

    /// <summary>Always light.</summary>
    public const string Light = "light";

    /// <summary>Always dark.</summary>
    public const string Dark = "dark";

    /// <summary>Whether <paramref name="theme"/> is one of the choices (exact, lower case).</summary>
    public static bool IsKnown(string? theme) => theme is System or Light or Dark;
}
