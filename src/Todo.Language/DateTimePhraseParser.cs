using Todo.Language.Parsing;

namespace Todo.Language;

/// <summary>
/// Reads the "when" part of a chat command — "to friday", "10 minutes", "until 5pm", "tomorrow at 9" — with the
/// same grammar and choices as <see cref="QuickAddParser"/>.
/// </summary>
public static class DateTimePhraseParser
{
    private static readonly string[] LeadIns = ["to", "until", "till", "til", "for", "after"];

    /// <summary>
    /// Parses a phrase that must consist only of date and time words. A leading "to", "until", "till" or "for" is
    /// allowed, and a bare duration ("10 minutes", "2h") means that long from <paramref name="now"/>.
    /// </summary>
    /// <param name="phrase">The words after the command verb, e.g. "to friday" from "move 2 to friday".</param>
    /// <param name="now">The current instant.</param>
    /// <param name="zone">The user's time zone.</param>
    /// <param name="when">The parsed point in time when this returns true; otherwise null.</param>
    /// <returns>False when the phrase is empty, has words that are not date or time words, names a past or
    /// impossible date, or names two dates or two times.</returns>
    public static bool TryParse(string? phrase, DateTimeOffset now, TimeZoneInfo zone, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParsedWhen? when)
    {
        ArgumentNullException.ThrowIfNull(zone);
        when = null;
        if (string.IsNullOrWhiteSpace(phrase))
        {
            return false;
        }

        try
        {
            when = ParseCore(phrase, new ParseContext(now, zone));
        }
        catch (ArgumentOutOfRangeException)
        {
            when = null;
        }

        return when is not null;
    }

    private static ParsedWhen? ParseCore(string phrase, ParseContext context)
    {
        var tokens = Tokenizer.Tokenize(phrase);
        var i = 0;
        while (i < tokens.Count && tokens.Is(i, LeadIns))
        {
            i++;
        }

        var state = new WhenState();
        while (i < tokens.Count)
        {
            var match = WhenGrammar.Match(tokens, i, context, allowBareDuration: true);
            if (match is null || match.Rejection is not null || state.TryApply(match) is not null)
            {
                return null;
            }

            i += match.Count;
        }

        return state.Resolve(context);
    }
}
