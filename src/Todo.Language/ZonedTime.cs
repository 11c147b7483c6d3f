namespace Todo.Language;

/// <summary>Turns a local wall-clock date and time in a time zone into a UTC instant, resolving DST edge cases.</summary>
public static class ZonedTime
{
    /// <summary>
    /// The UTC instant of <paramref name="date"/> at <paramref name="time"/> in <paramref name="zone"/>.
    /// A time that does not exist (inside a spring-forward gap) moves forward by the length of the gap,
    /// so 02:30 on a day that skips 02:00–03:00 becomes 03:30. A time that occurs twice (fall-back overlap)
    /// takes the first, earlier instant. Both are RFC 5545 §3.3.5's rules for local DATE-TIME values ("interpreted
    /// using the UTC offset before the gap", "the first occurrence"), which java.time's ZonedDateTime.of also follows.
    /// </summary>
    /// <returns>An instant with a zero offset.</returns>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // Read the wall clock with the offset in force before the gap: that shifts it forward by the gap's length.
            offset = OffsetAt(local.AddDays(-1), zone);
        }
        else if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the one in force first (daylight time, before the clocks go back).
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc), TimeSpan.Zero);
    }

    /// <summary>The local date and time in <paramref name="zone"/> at the instant <paramref name="instant"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(instant, zone).DateTime;
    }

    /// <summary>The local calendar date in <paramref name="zone"/> at the instant <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(now, zone));

    private static TimeSpan OffsetAt(DateTime roughLocal, TimeZoneInfo zone)
    {
        var utc = DateTime.SpecifyKind(roughLocal - zone.BaseUtcOffset, DateTimeKind.Utc);
        return zone.GetUtcOffset(utc);
    }
}
