namespace Todo.Language;

/// <summary>What <see cref="QuickAddParser.Parse"/> recognised in a quick-add line.</summary>
public sealed record QuickAddResult
{
    /// <summary>The text with recognised parts removed and whitespace tidied; never empty for non-blank input.</summary>
    public required string Title { get; init; }

    /// <summary>The due date (and time) in the user's zone, or <see langword="null"/>.</summary>
    public ParsedWhen? Due { get; init; }

    /// <summary>The reminder instant in UTC, when the text asked for one ("remind me ...").</summary>
    public DateTimeOffset? Reminder { get; init; }

    /// <summary>The priority, <see cref="Language.Priority.None"/> when none was given.</summary>
    public Priority Priority { get; init; }

    /// <summary>Tags without the <c>#</c>, lower-case, de-duplicated, in order of appearance; at most 10.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The repeat rule, or <see langword="null"/>.</summary>
    public Recurrence? Recurrence { get; init; }

    /// <summary>Every recognised part of the original text, ordered by start, never overlapping.</summary>
    public IReadOnlyList<RecognizedSpan> Spans { get; init; } = [];

    /// <summary>Human-readable notes about things that were noticed but could not be used.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
