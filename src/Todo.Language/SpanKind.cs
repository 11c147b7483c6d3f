namespace Todo.Language;

/// <summary>What a recognised part of the input text stands for; the web UI highlights each kind differently.</summary>
public enum SpanKind
{
    /// <summary>A date, or a phrase that sets a date and a time together ("tonight", "in 2 days").</summary>
    Date,

    /// <summary>A time of day ("5pm", "at noon") or a short relative offset ("in 2 hours").</summary>
    Time,

    /// <summary>A repeat rule or one of its modifiers ("every week", "until dec 31", "5 times").</summary>
    Recurrence,

    /// <summary>A priority marker ("!high", "urgent").</summary>
    Priority,

    /// <summary>A <c>#tag</c>.</summary>
    Tag,

    /// <summary>A reminder request ("remind me to", "remind me at 5pm").</summary>
    Reminder,
}
