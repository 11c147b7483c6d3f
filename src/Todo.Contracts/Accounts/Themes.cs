namespace Todo.Contracts.Accounts;

/// <summary>The light/dark choices a user can save with their settings (<see cref="UserProfile.Theme"/>).</summary>
public static class Themes
{
    /// <summary>Follow the device's light/dark setting (the default).</summary>
    public const string System = "system";

    public const string Light = "light";

    public const string Dark = "dark";

    public static IReadOnlyList<string> All { get; } = [System, Light, Dark];

    public static bool IsKnown(string? theme) => theme is System or Light or Dark;
}
