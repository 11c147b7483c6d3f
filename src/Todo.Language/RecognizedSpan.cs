namespace Todo.Language;

/// <summary>A recognised part of the original text, by UTF-16 index and length.</summary>
/// <param name="Start">Index of the first character in the original text.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Kind">What the part stands for.</param>
public readonly record struct RecognizedSpan(int Start, int Length, SpanKind Kind)
{
    /// <summary>Index just past the last character.</summary>
    public int End => Start + Length;
}
