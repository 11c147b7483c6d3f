namespace Todo.Language.Parsing;

/// <summary>Repeat modifiers seen so far; they only take effect when the text also has a repeat rule.</summary>
internal sealed class Modifiers
{
    private readonly List<RecognizedSpan> _spans = [];

    public DateOnly? Until { get; private set; }

    public RecognizedSpan? UntilSpan { get; private set; }

    public int? Times { get; private set; }

    public bool FromCompletion { get; private set; }

    /// <summary>Spans of the count and "after done" modifiers ("until" is kept apart: it may become a due date).</summary>
    public IReadOnlyList<RecognizedSpan> Spans => _spans;

    /// <summary>Records a modifier; false when the same kind of modifier was already given.</summary>
    public bool TryAdd(RecurrenceMatch match, RecognizedSpan span)
    {
        if (match.Until is { } until)
        {
            if (Until is not null)
            {
                return false;
            }

            (Until, UntilSpan) = (until, span);
            return true;
        }

        if (match.Times is { } times)
        {
            if (Times is not null)
            {
                return false;
            }

            Times = times;
        }
        else if (match.FromCompletion)
        {
            if (FromCompletion)
            {
                return false;
            }

            FromCompletion = true;
        }

        _spans.Add(span);
        return true;
    }
}
