namespace Todo.Language.Parsing;

/// <summary>Collects the date, time and instant pieces of one "when" (the due date, or the reminder).</summary>
internal sealed class WhenState
{
    public DateOnly? Date { get; private set; }

    public TimeOnly? Time { get; private set; }

    public DateTimeOffset? Instant { get; private set; }

    public bool IsEmpty => Date is null && Time is null && Instant is null;

    /// <summary>Adds a match, or returns why it clashes with what is already there ("a date", "a time").</summary>
    public string? TryApply(WhenMatch match)
    {
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
}
