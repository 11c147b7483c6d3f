namespace Todo.Language.Parsing;

/// <summary>One word of the input: its lower-case core (surrounding punctuation trimmed) and where that core sits.</summary>
internal readonly record struct Token(string Text, int Start, int Length, bool Quoted)
{
    public int End => Start + Length;
}
