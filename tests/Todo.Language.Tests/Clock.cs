using System.Globalization;

namespace Todo.Language.Tests;

/// <summary>
/// The fixed "now" every test reads from: Friday 2026-03-27 10:00 local, two days before Europe's DST change
/// (Sunday 2026-03-29) and after America's (Sunday 2026-03-08).
/// </summary>
internal static class Clock
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>2026-03-27 10:00 CET (UTC+1).</summary>
    public static readonly DateTimeOffset BerlinNow = new(2026, 3, 27, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>2026-03-27 10:00 EDT (UTC-4).</summary>
    public static readonly DateTimeOffset NewYorkNow = new(2026, 3, 27, 10, 0, 0, TimeSpan.FromHours(-4));

    public static QuickAddResult InBerlin(string text) => QuickAddParser.Parse(text, BerlinNow, Berlin);

    public static QuickAddResult InNewYork(string text) => QuickAddParser.Parse(text, NewYorkNow, NewYork);

    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TimeOnly Time(string text) =>
        TimeOnly.ParseExact(text, text.Length == 5 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    public static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Asserts the due date and time; null expectations mean "no due date" / "no time".</summary>
    public static void AssertDue(QuickAddResult result, string? date, string? time)
    {
        if (date is null)
        {
            Assert.Null(result.Due);
            return;
        }

        Assert.NotNull(result.Due);
        Assert.Equal(Date(date), result.Due.Date);
        Assert.Equal(time is null ? null : Time(time), result.Due.Time);
    }
}
