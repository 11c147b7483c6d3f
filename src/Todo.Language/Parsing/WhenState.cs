namespace Todo.Language.Parsing;

/// <summary>Collects the date, time and instant pieces of one "when" (the due date, or the reminder).</summary>
internal sealed class WhenState
{
    // True while the time is tonight's default 20:00, which an explicit time may still replace.
    private bool _tonight;

    public DateOnly? Date { get; private set; }

    public TimeOnly? Time { get; private set; }

    public DateTimeOffset? Instant { get; private set; }

    public bool IsEmpty => Date is null && Time is null && Instant is null;

    /// <summary>Adds a match, or returns why it clashes with what is already there ("a date", "a time").</summary>
    public string? TryApply(WhenMatch match)
    {
        if (_tonight || match.IsTonight)
        {
            return ApplyTonight(match);
        }

        if (match.Instant is not null || Instant is not null)
        {
            if (!IsEmpty)
            {
                return Instant is not null || Time is not null ? "a time" : "a date";
            }
        }
        else if (match.Date is not null && Date is not null)
        {
            return "a date";
        }
        else if (match.Time is not null && Time is not null)
        {
            return "a time";
        }

        Date = match.Date ?? Date;
        Time = match.Time ?? Time;
        Instant = match.Instant ?? Instant;
        return null;
    }

    /// <summary>The resolved point in time; a time alone means today if still ahead, else tomorrow.</summary>
    public ParsedWhen? Resolve(ParseContext context)
    {
        if (Instant is not null && Date is { } day)
        {
            return new ParsedWhen(day, Time, Instant);
        }

        if (Date is { } date)
        {
            return new ParsedWhen(date, Time);
        }

        return Time is { } time ? new ParsedWhen(context.DateForTime(time), time) : null;
    }

    /// <summary>"at 7 tonight", "tonight at 9:30": the explicit time wins, and a morning-looking hour moves to the evening.</summary>
    private string? ApplyTonight(WhenMatch match)
    {
        if (match.Instant is not null || Instant is not null)
        {
            return "a time";
        }

        if (match.IsTonight)
        {
            if (Date is not null || _tonight)
            {
                return "a date";
            }

            Date = match.Date;
            Time = Time is { } explicitTime ? Evening(explicitTime) : match.Time;
            _tonight = Time == match.Time;
            return null;
        }

        if (match.Date is not null)
        {
            return "a date";
        }

        Time = Evening(match.Time!.Value);
        _tonight = false;
        return null;
    }

    private static TimeOnly Evening(TimeOnly time) => time.Hour is >= 1 and < 12 ? time.AddHours(12) : time;
}
