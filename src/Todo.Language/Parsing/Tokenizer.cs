namespace Todo.Language.Parsing;

/// <summary>Splits text on whitespace and commas and marks words that sit inside quotes.</summary>
internal static class Tokenizer
{
    private const string LeadingTrim = "([{\"'“‘”’";
    private const string TrailingTrim = ".,;:?!)]}\"'”’…";

    public static TokenList Tokenize(string text)
    {
        var quoted = QuotedCharacters(text);
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (IsSeparator(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !IsSeparator(text[i]))
            {
                i++;
            }

            var (coreStart, coreEnd) = Core(text, start, i);
            if (coreEnd > coreStart)
            {
                var isQuoted = false;
                for (var c = coreStart; c < coreEnd && !isQuoted; c++)
                {
                    isQuoted = quoted[c];
                }

                var value = text[coreStart..coreEnd].ToLowerInvariant();
                if ((value.EndsWith("a.m", StringComparison.Ordinal) || value.EndsWith("p.m", StringComparison.Ordinal))
                    && coreEnd < i && text[coreEnd] == '.')
                {
                    // The final dot of "p.m." belongs to the abbreviation, not to the sentence.
                    coreEnd++;
                }

                tokens.Add(new Token(value, coreStart, coreEnd - coreStart, isQuoted));
            }
        }

        return new TokenList(text, [.. tokens]);
    }

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c == ',';

    private static (int Start, int End) Core(string text, int start, int end)
    {
        while (start < end && LeadingTrim.Contains(text[start]))
        {
            start++;
        }

        // "!!!" and "!high!" are priority markers: keep their exclamation marks.
        var keepBang = start < end && text[start] == '!';
        while (end > start && TrailingTrim.Contains(text[end - 1]) && !(keepBang && text[end - 1] == '!'))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>
    /// Marks characters inside "double", “curly” or 'single' quotes. A single quote opens only at the start of a
    /// word and closes only at the end of one, so apostrophes ("mom's", "don't") are not quotes. An opening quote
    /// without a closing one quotes nothing.
    /// </summary>
    private static bool[] QuotedCharacters(string text)
    {
        var quoted = new bool[text.Length];
        var i = 0;
        while (i < text.Length)
        {
            var close = ClosingQuote(text, i);
            if (close > i)
            {
                for (var c = i; c <= close; c++)
                {
                    quoted[c] = true;
                }

                i = close + 1;
            }
            else
            {
                i++;
            }
        }

        return quoted;
    }

    private static int ClosingQuote(string text, int open)
    {
        switch (text[open])
        {
            case '"':
                return text.IndexOf('"', open + 1);
            case '“':
                return text.IndexOf('”', open + 1);
            case '\'' or '‘':
                if (open > 0 && !char.IsWhiteSpace(text[open - 1]) && text[open - 1] != '(')
                {
                    return -1;
                }

                for (var j = open + 2; j < text.Length; j++)
                {
                    if (text[j] is '\'' or '’' && (j + 1 == text.Length || !char.IsLetterOrDigit(text[j + 1])))
                    {
                        return j;
                    }
                }

                return -1;
            default:
                return -1;
        }
    }
}
