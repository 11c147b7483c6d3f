namespace Todo.Language.Parsing;

/// <summary>The reference instant and zone every relative phrase is resolved against.</summary>
internal sealed class ParseContext
{
    public ParseContext(DateTimeOffset now, TimeZoneInfo zone)
    {
        Now = now;
        Zone = zone;
        var local = ZonedTime.ToLocal(now, zone);
        Today = DateOnly.FromDateTime(local);
        TimeNow = TimeOnly.FromDateTime(local);
    }

    public DateTimeOffset Now { get; }

    public TimeZoneInfo Zone { get; }

    public DateOnly Today { get; }

    public TimeOnly TimeNow { get; }

    /// <summary>The date a bare time of day lands on: today while it is still ahead, otherwise tomorrow.</summary>
    public DateOnly DateForTime(TimeOnly time) => time > TimeNow ? Today : Today.AddDays(1);
}
