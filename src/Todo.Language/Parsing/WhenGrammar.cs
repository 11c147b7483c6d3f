namespace Todo.Language.Parsing;

/// <summary>Finds one date, time or relative phrase at a token, with an optional lead-in word ("on", "at", "due").</summary>
internal static class WhenGrammar
{
    private static readonly string[] Connectors = ["on", "at", "by", "due", "@", "starting", "from", "before"];

    /// <param name="tokens">The input.</param>
    /// <param name="index">Where the phrase must start.</param>
    /// <param name="context">Now and the user's zone.</param>
    /// <param name="allowBareDuration">Whether "10 minutes" without "in" counts (chat commands such as "snooze 10 minutes").</param>
    public static WhenMatch? Match(TokenList tokens, int index, ParseContext context, bool allowBareDuration = false)
    {
        if (tokens.Word(index).Length == 0)
        {
            return null;
        }

        // Up to two lead-ins: "due on friday", "starting from monday".
        var leadIns = 0;
        // Nobody says "on tonight": before today/tonight/tomorrow, "on" is a particle of the title ("turn the heating on tonight").
        while (leadIns < 2 && tokens.Is(index + leadIns, Connectors)
            && !(tokens.Is(index + leadIns, "on") && tokens.Is(index + leadIns + 1, "today", "tonight", "tomorrow")))
        {
            leadIns++;
        }

        for (var skip = leadIns; skip >= 0; skip--)
        {
            var connector = skip > 0 ? tokens.Word(index + skip - 1) : null;
            var match = Core(tokens, index + skip, context, connector, allowBareDuration);
            if (match is not null)
            {
                return match with { Count = match.Count + skip };
            }
        }

        return null;
    }

    private static WhenMatch? Core(TokenList tokens, int p, ParseContext context, string? connector, bool allowBareDuration) =>
        DurationRules.Match(tokens, p, context, allowBareDuration)
        ?? DateRules.MatchNamed(tokens, p, context)
        ?? DateRules.MatchWeekday(tokens, p, context, connector)
        ?? DateRules.MatchMonthDay(tokens, p, context)
        ?? DateRules.MatchNumeric(tokens, p, context)
        ?? DateRules.MatchDayOfMonth(tokens, p, context, connector)
        ?? TimeRules.Match(tokens, p, connector);
}
