namespace Todo.Language.Parsing;

/// <summary>Collects the date, time and instant pieces of one "when" (the due date, or the reminder).</summary>
internal sealed class WhenState
{
    // True while the time is tonight's default 20:00, which an explicit time may still replace.
    private bool _tonight;

    // How the time was said: a part of the day ("morning"), or a bare hour whose am/pm was guessed ("at 7").
    private bool _partOfDay;

    public DateOnly? Date { get; private set; }

    public TimeOnly? Time { get; private set; }

    public DateTimeOffset? Instant { get; private set; }

    public bool IsEmpty => Date is null && Time is null && Instant is null;

    /// <summary>True when the time is a bare hour whose am/pm was guessed, so a part of the day may still decide it.</summary>
    public bool HourGuessed { get; private set; }

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
        else if (match.Time is { } clock && Time is { } held)
        {
            // "tomorrow morning at 7", "at 7 in the evening": one time, the clock's, in that part of the day.
            if (match.IsPartOfDay == _partOfDay)
            {
                return "a time";
            }

            Time = match.IsPartOfDay ? TimeRules.InPartOfDay(held, HourGuessed, clock) : TimeRules.InPartOfDay(clock, match.HourGuessed, held);
            (_partOfDay, HourGuessed) = (false, false);
            Date = match.Date ?? Date;
            return null;
        }

        if (match.Time is not null)
        {
            (_partOfDay, HourGuessed) = (match.IsPartOfDay, match.HourGuessed);
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
