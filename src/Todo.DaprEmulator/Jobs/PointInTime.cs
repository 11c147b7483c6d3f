using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// A <c>dueTime</c> or <c>ttl</c> as the scheduler reads it: an RFC3339 timestamp, a Go duration, or a non-repeating
/// ISO-8601 duration, the last two relative to a start instant.
/// </summary>
internal static partial class PointInTime
{
    public static bool TryResolve(string text, DateTimeOffset relativeTo, out DateTimeOffset instant)
    {
        instant = default;
        var value = text.Trim();
        if (Rfc3339().IsMatch(value))
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
        }

        if (GoDuration.TryParse(value, out var duration))
        {
            instant = relativeTo + duration;
            return true;
        }

        // ISO-8601 durations (P1DT2H, PT10S). A repeating form (R3/PT10S) is not a point in time.
        if (value.StartsWith('P') || value.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                var years = IsoYearsMonths().Match(value);
                var rest = value;
                var yearCount = 0;
                var monthCount = 0;
                if (years.Success)
                {
                    yearCount = years.Groups["y"].Success ? int.Parse(years.Groups["y"].Value, CultureInfo.InvariantCulture) : 0;
                    monthCount = years.Groups["mo"].Success ? int.Parse(years.Groups["mo"].Value, CultureInfo.InvariantCulture) : 0;
                    rest = "P" + value[years.Length..];
                }

                var span = rest is "P" ? TimeSpan.Zero : XmlConvert.ToTimeSpan(rest);
                instant = relativeTo.AddYears(yearCount).AddMonths(monthCount) + span;
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    // XmlConvert treats years and months as fixed lengths; take them off and add them on the calendar like Go's AddDate.
    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?=\d+[WD]|T|$)")]
    private static partial Regex IsoYearsMonths();
}
