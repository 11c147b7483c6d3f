namespace Todo.Language.Parsing;

/// <summary>
/// A date, time or relative phrase found at some token. A rejected match names tokens that were understood but
/// cannot be used ("feb 30", "yesterday"); they stay in the title and the rejection becomes a warning.
/// </summary>
internal sealed record WhenMatch(int Count, SpanKind Kind)
{
    public DateOnly? Date { get; init; }

    public TimeOnly? Time { get; init; }

    public DateTimeOffset? Instant { get; init; }

    public string? Rejection { get; init; }

    /// <summary>"tonight": its 20:00 gives way to an explicit time, and that time is read as evening.</summary>
    public bool IsTonight { get; init; }

    /// <summary>"morning", "in the evening": a part of the day, whose usual time gives way to a clock time.</summary>
    public bool IsPartOfDay { get; init; }

    /// <summary>A bare hour ("at 7") whose am/pm was guessed; a part of the day beside it decides instead.</summary>
    public bool HourGuessed { get; init; }

    public static WhenMatch OnDate(int count, DateOnly date) => new(count, SpanKind.Date) { Date = date };

    public static WhenMatch AtTime(int count, TimeOnly time) => new(count, SpanKind.Time) { Time = time };

    public static WhenMatch Rejected(int count, string warning) => new(count, SpanKind.Date) { Rejection = warning };
}
