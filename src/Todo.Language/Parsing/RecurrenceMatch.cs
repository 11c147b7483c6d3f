namespace Todo.Language.Parsing;

/// <summary>A repeat rule ("every week") or one of its modifiers ("until dec 31", "5 times", "after done").</summary>
internal sealed record RecurrenceMatch(int Count)
{
    public Recurrence? Rule { get; init; }

    public TimeOnly? Time { get; init; }

    public int? Times { get; init; }

    public DateOnly? Until { get; init; }

    public bool FromCompletion { get; init; }

    public string? Rejection { get; init; }

    /// <summary>True for "weekly", "daily" and the like, which are often adjectives ("Weekly review").</summary>
    public bool FromAdverb { get; init; }

    public bool IsModifier => Rule is null;
}
