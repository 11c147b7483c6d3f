using Todo.Contracts.Accounts;

namespace Todo.Web.Features.Layout;

/// <summary>
/// This circuit's light/dark choice (<see cref="Themes"/>): the layout applies it, Settings changes it. Before sign-in
/// it is the device's remembered choice; after sign-in the user's saved choice replaces it.
/// </summary>
public sealed class ThemeState
{
    public string Choice { get; private set; } = Themes.System;

    /// <summary>Raised with the new choice whenever it changes.</summary>
    public event Func<string, Task>? Changed;

    public async Task SetAsync(string? choice)
    {
        var known = Themes.IsKnown(choice) ? choice! : Themes.System;
        if (known == Choice)
        {
            return;
        }

        Choice = known;
        if (Changed is { } changed)
        {
            await changed(known);
        }
    }

    /// <summary>
    /// The choice after sign-in: the user's saved light or dark, or, when they saved "system" (the default, shown as
    /// "Same as this device"), what this device chose before sign-in, so a choice made before registering survives.
    /// </summary>
    public static string AfterSignIn(string device, string? saved) =>
        Themes.IsKnown(saved) && saved != Themes.System ? saved! : device;

    /// <summary>Whether <paramref name="choice"/> shows dark, given what the device's system setting says.</summary>
    public static bool IsDark(string choice, bool systemDark) => choice switch
    {
        Themes.Dark => true,
        Themes.Light => false,
        _ => systemDark,
    };
}
