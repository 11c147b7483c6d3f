namespace Todo.Language.Parsing;

/// <summary>The tokens of one input with bounds-safe accessors, so grammar rules can look ahead freely.</summary>
internal sealed class TokenList(string source, Token[] tokens)
{
    public string Source { get; } = source;

    public int Count => tokens.Length;

    public Token this[int index] => tokens[index];

    /// <summary>The token's text, or "" past the end or inside quotes (quoted words are never recognised).</summary>
    public string Word(int index) =>
        index >= 0 && index < tokens.Length && !tokens[index].Quoted ? tokens[index].Text : "";

    public bool Is(int index, params ReadOnlySpan<string> words)
    {
        var word = Word(index);
        if (word.Length == 0)
        {
            return false;
        }

        foreach (var candidate in words)
        {
            if (word == candidate)
            {
                return true;
            }
        }

        return false;
    }

    public int StartOf(int index) => tokens[index].Start;

    public int EndOf(int index) => tokens[index].End;

    /// <summary>The original text from the first token through <paramref name="count"/> tokens.</summary>
    public string Slice(int first, int count)
    {
        var start = tokens[first].Start;
        var end = tokens[first + count - 1].End;
        return Source[start..end];
    }
}
