namespace Todo.Language;

/// <summary>
/// A point in time as the user said it: a local date in their zone, an optional local time, and — for relative
/// phrases such as "in 2 hours" — the exact instant, which stays right even across a DST change.
/// </summary>
/// <param name="Date">The local date in the user's zone.</param>
/// <param name="Time">The local time of day, or <see langword="null"/> when only a date was given.</param>
/// <param name="Instant">The exact instant, set only when the phrase named one ("in 30 minutes").</param>
public sealed record ParsedWhen(DateOnly Date, TimeOnly? Time = null, DateTimeOffset? Instant = null)
{
    /// <summary>True when a time of day was given, not just a date.</summary>
    public bool HasTime => Time is not null;

    /// <summary>
    /// The UTC instant in <paramref name="zone"/>. Uses <see cref="Instant"/> when known; otherwise the local
    /// <see cref="Date"/> at <see cref="Time"/>, or at <paramref name="timeIfNone"/> (default midnight, the start of
    /// the day) when no time was given. DST gaps and overlaps are resolved as <see cref="ZonedTime.ToUtc"/> does.
    /// </summary>
    public DateTimeOffset ToUtc(TimeZoneInfo zone, TimeOnly? timeIfNone = null) =>
        Instant?.ToUniversalTime() ?? ZonedTime.ToUtc(Date, Time ?? timeIfNone ?? TimeOnly.MinValue, zone);
}
