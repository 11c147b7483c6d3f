namespace Todo.Backend.Features.Tasks;

/// <summary>Local dates and times in a user's zone ↔ instants, with explicit rules for DST gaps and overlaps.</summary>
internal static class ZonedTime
{
    /// <summary>
    /// The instant of a local date and time. A time inside a spring-forward gap moves forward by the gap (02:30 →
    /// 03:30); an ambiguous time in the autumn overlap takes its first, earlier occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            local = local + (after - before);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(now, zone));
}
