using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// The shape of a message before the commands look at it: politeness and typos off, several clauses joined.
internal static partial class ChatInterpreter
{
    private static string Normalise(string text)
    {
        var s = text.ToLowerInvariant().Replace('’', '\'').Trim();
        s = WhitespacePattern().Replace(s, " ");
        s = s.TrimEnd('.', '!', ' ');
        return PolitePattern().Replace(s, "").Trim();
    }

    private static string? FirstMatch(string s, Regex[] patterns) =>
        patterns.Select(p => p.Match(s)).FirstOrDefault(m => m.Success)?.Groups["ref"].Value;

    private static string Take(string text, Regex pattern, Action found)
    {
        if (!pattern.IsMatch(text))
        {
            return text;
        }

        found();
        return pattern.Replace(text, " ");
    }

    private static readonly (Regex Pattern, string Replacement)[] Polish =
    [
        (new(@"^.*?\b(?:sorry|i mean|rather)\s*,\s*", RegexOptions.IgnoreCase), ""),
        (new(@"^(?:(?:hey|hi|ok|okay|so|um|oh|oops|great|cool|thanks|alright|right|hmm)\b[,!.]*\s+)+", RegexOptions.IgnoreCase), ""),
        (new(@"^(?:never ?mind|actually|wait)[,!.]*\s+", RegexOptions.IgnoreCase), ""),
        // A follow-up that opens with "and" ("and make it 2pm", "oh and buy dog food") is a message of its own.
        (new(@"^(?:and|also|plus|and also)\s+", RegexOptions.IgnoreCase), ""),
        (new(@"^(?:(?:can|could|would|will) (?:you|we|u)|i'd like (?:you )?to|i want (?:you )?to)\s+(?:please\s+|pls\s+)?", RegexOptions.IgnoreCase), ""),
        (new(@"^(?:please|pls|plz|kindly)[,]?\s+", RegexOptions.IgnoreCase), ""),
        (new(@"^(?:i'd like to|i would like to|i want to|let's|lets)\s+(?=add|delete|move|mark|remove|rename|change|complete|tag|reschedule)", RegexOptions.IgnoreCase), ""),
        (new(@"[,\s]+(?:please|pls|plz|thanks|thank you|for me)\s*([?.!]*)$", RegexOptions.IgnoreCase), "$1"),
        (new(@"\s*[✅✔️☑️👍]+\s*$"), ""),
        (new(@"^(?:ad|addd|adde|dd)\s+", RegexOptions.IgnoreCase), "add "),
        (new(@"^(?:compelte|complet|comlete|cmplete|copmlete)\s+", RegexOptions.IgnoreCase), "complete "),
        (new(@"^(?:delte|dlete|deleet|delet)\s+", RegexOptions.IgnoreCase), "delete "),
        (new(@"^(?:remvoe|rmove)\s+", RegexOptions.IgnoreCase), "remove "),
        (new(@"^(done|completed|finished)\s*:\s*", RegexOptions.IgnoreCase), "$1 "),
        (new(@"\b2moro\b|\btmrw\b|\btmr\b|\btomoz\b", RegexOptions.IgnoreCase), "tomorrow"),
        (new(@"^whats\b", RegexOptions.IgnoreCase), "what's"),
        // "first thing monday" is how people say "monday morning"; the parser knows the latter.
        (new(@"\bfirst thing (?:in the morning )?(?:on )?(?<day>today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", RegexOptions.IgnoreCase), "${day} morning"),
        (new(@"\b(?<day>today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday) first thing(?: in the morning)?\b", RegexOptions.IgnoreCase), "${day} morning"),
        // "tuesday this week" is "this tuesday" in the parser's words.
        (new(@"\b(?:on\s+)?(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday) this week\b", RegexOptions.IgnoreCase), "this ${day}"),
        // A reason after the command ("scratch the rome flights, trip's cancelled", "..., because it rained") is not part of it.
        (new(@"\s*(?:,|;|\s-)\s*(?:because|since|cause|'cause|coz|as)\b[^,]*$|,\s*[^,]*\b(?:cancelled|canceled|called off|not happening|no longer needed)\b[^,]*$", RegexOptions.IgnoreCase), ""),
    ];

    /// <summary>Politeness, self-corrections and common slips off; the case of the words is kept (titles need it).</summary>
    public static string Tidy(string text)
    {
        var s = text.Trim().Replace('’', '\'');
        s = Gerund.Replace(s, m => m.Groups["verb"].Value.ToLowerInvariant() switch
        {
            "adding" => "add",
            "moving" => "move",
            "removing" => "remove",
            "renaming" => "rename",
            "changing" => "change",
            "deleting" => "delete",
            "completing" => "complete",
            "rescheduling" => "reschedule",
            "snoozing" => "snooze",
            "putting" => "put",
            "setting" => "set",
            "making" => "make",
            var other => other[..^3],
        });
        foreach (var (pattern, replacement) in Polish)
        {
            s = pattern.Replace(s, replacement).Trim();
        }

        return s;
    }

    private static readonly Regex Gerund = new(
        @"^(?:(?:hey|hi|ok|okay)[,!]?\s+)?(?:(?:would|do) you mind|could you be so kind as to|how about)\s+(?<verb>[a-z]+ing)\b", RegexOptions.IgnoreCase);

    private static readonly Regex ClauseWithIt = new(@"^(?<first>[^,]+?),\s*(?:so\s+|and\s+|just\s+)?(?<rest>[^,]*\b(?:it|that)\b[^,]*)$");

    private static string JoinClauses(string s)
    {
        if (ClauseWithIt.Match(s) is not { Success: true } m)
        {
            return s;
        }

        var first = m.Groups["first"].Value;
        var subject = Regex.Match(first, @"^(?:i\s+)?(?:don't|do not|no longer|won't)\s+need\s+(?:to\s+)?(?<x>.+?)(?:\s+any ?more)?$").Groups["x"].Value;
        if (subject.Length == 0)
        {
            subject = Regex.Match(first, @"^(?<x>.+?)\s+(?:is|are|isn't|is not|aren't|are not|was|wasn't|weren't|has been|'s)\b").Groups["x"].Value;
        }

        if (subject.Length == 0 && PastTense.Match(first) is { Success: true } past)
        {
            subject = TaskMatcher.Stem(past.Groups["verb"].Value) + " " + past.Groups["rest"].Value;
        }

        if (subject.Length == 0)
        {
            return s;
        }

        return Regex.Replace(m.Groups["rest"].Value, @"\b(?:it|that)\b", subject, RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"^(?:please|ok|okay|hey|can you|could you|would you)[, ]+|[, ]+please$")]
    private static partial Regex PolitePattern();
}
