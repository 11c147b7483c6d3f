namespace Todo.Language.Chat;

/// <summary>
/// Spots a misspelt date word ("tomorow", "fridya") left in a title, so the assistant can say it did not understand
/// the date instead of guessing one or silently filing the task without it.
/// </summary>
internal static class DateTypos
{
    // Only words long enough that a near miss is almost surely a typo; "march", "may", "next", "week" are also words.
    private static readonly string[] Vocabulary =
    [
        "today", "tonight", "tomorrow", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "april", "august", "september", "october", "november",
        "december", "morning", "afternoon", "evening", "weekend", "weekday", "weekdays", "midnight", "minutes", "hours",
    ];

    // Real words within one edit of a date word.
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "sundae", "sundays", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "frida", "hour", "minute",
        "weekends", "mornings", "evenings", "afternoons", "tonights", "night", "nights",
    };

    /// <summary>The first word of <paramref name="text"/> that looks like a misspelt date word, with the word it resembles.</summary>
    public static (string Typo, string Meant)? Find(string text)
    {
        foreach (var raw in text.Split([' ', ',', ';', ':', '.', '!', '?', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.ToLowerInvariant();
            if (word.Length < 5 || Words.Contains(word) || Vocabulary.Contains(word) || !word.All(char.IsLetter))
            {
                continue;
            }

            foreach (var candidate in Vocabulary)
            {
                // Two edits only for long words: "wensday" is Wednesday, but "night" is not "tonight".
                var allowed = candidate.Length >= 7 && word.Length >= 6 ? 2 : 1;
                if (Math.Abs(candidate.Length - word.Length) <= allowed && EditDistance.Between(word, candidate) <= allowed)
                {
                    return (raw, candidate);
                }
            }
        }

        return null;
    }
}
