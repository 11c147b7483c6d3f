namespace Todo.Language.Chat;

/// <summary>
/// Matches what people call a task ("the dentist call", "I bought the milk", "the offsite planning") to its title by
/// word stems: every meaningful word of the reference must be a word of the title (bought = buy, planning = plan).
/// Used only when the plain substring search of list_tasks finds nothing, so exact titles keep winning.
/// </summary>
internal static class TaskMatcher
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "my", "to", "of", "for", "on", "in", "at", "with", "about", "and", "task", "tasks", "one", "item",
        "todo", "up", "out", "off", "that", "this", "it", "thing", "is", "are", "was", "i", "me", "our", "your", "some",
        // Light verbs and report words: "went to the gym" is the "Gym" task, "called the dentist already" is "Call dentist".
        "go", "do", "been", "already", "just", "finally", "now",
    };

    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["bought"] = "buy", ["paid"] = "pay", ["did"] = "do", ["done"] = "do", ["got"] = "get", ["made"] = "make",
        ["sent"] = "send", ["took"] = "take", ["taken"] = "take", ["wrote"] = "write", ["written"] = "write",
        ["gave"] = "give", ["given"] = "give", ["rang"] = "ring", ["met"] = "meet", ["sold"] = "sell",
        ["brought"] = "bring", ["fed"] = "feed", ["went"] = "go", ["read"] = "read", ["ran"] = "run", ["put"] = "put",
        ["found"] = "find", ["built"] = "build", ["left"] = "leave", ["kept"] = "keep", ["spoke"] = "speak",
        ["mailed"] = "mail", ["emailed"] = "email", ["booked"] = "book", ["picked"] = "pick",
    };

    /// <summary>The words of <paramref name="text"/> that carry meaning, as stems.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        text.ToLowerInvariant()
            .Split([' ', ',', '.', '!', '?', ':', ';', '"', '“', '”', '(', ')', '-', '–', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('\'', '’'))
            .Select(w => w.EndsWith("'s", StringComparison.Ordinal) ? w[..^2] : w)
            .Where(w => w.Length > 0 && !StopWords.Contains(w))
            .Select(Stem)
            .ToList();

    public static string Stem(string word)
    {
        if (Irregular.TryGetValue(word, out var known))
        {
            return known;
        }

        var w = word;
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            w = w[..^3] + "y";
        }
        else if (w.Length > 4 && w.EndsWith("ied", StringComparison.Ordinal))
        {
            w = w[..^3] + "y";
        }
        else if (w.Length > 4 && w.EndsWith("ing", StringComparison.Ordinal))
        {
            w = w[..^3];
        }
        else if (w.Length > 3 && w.EndsWith("ed", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        if (w.Length > 3 && w[^1] == w[^2] && !"aeiouls".Contains(w[^1], StringComparison.Ordinal))
        {
            w = w[..^1]; // stopped → stop, planned → plan
        }

        return w.Length > 3 && w.EndsWith('e') ? w[..^1] : w;
    }

    /// <summary>
    /// The candidates whose title holds every word of the reference; several are all returned, so the caller asks
    /// back rather than guessing.
    /// </summary>
    public static IReadOnlyList<T> Best<T>(string reference, IEnumerable<T> candidates, Func<T, string> title)
    {
        var wanted = Words(reference);
        if (wanted.Count == 0)
        {
            return [];
        }

        return candidates.Where(c => wanted.All(w => Words(title(c)).Any(t => Same(t, w)))).ToList();
    }

    /// <summary>Words people use for the same errand ("got the bread" is "buy bread").</summary>
    private static readonly string[][] Synonyms =
    [
        ["buy", "get", "grab", "purchas", "pick"],
        ["call", "phon", "ring"],
        ["email", "mail"],
        ["fix", "repair"],
        ["clean", "tidy"],
    ];

    private static bool Same(string a, string b) =>
        a == b || Synonyms.Any(set => set.Contains(a) && set.Contains(b)) || (a.Length >= 4 && b.Length >= 4 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)));

    /// <summary>
    /// The candidates that hold every word of the reference once one-letter slips are forgiven ("buy mlik"): a guess,
    /// which the caller must confirm before acting.
    /// </summary>
    public static IReadOnlyList<T> Typo<T>(string reference, IEnumerable<T> candidates, Func<T, string> title)
    {
        var wanted = Words(reference);
        if (wanted.Count == 0)
        {
            return [];
        }

        return candidates.Where(c =>
        {
            var words = Words(title(c));
            return wanted.All(w => words.Any(t => Same(t, w) || (w.Length >= 4 && Math.Abs(t.Length - w.Length) <= 1 && EditDistance.Between(t, w) <= 1)));
        }).ToList();
    }
}
