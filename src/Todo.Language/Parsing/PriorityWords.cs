namespace Todo.Language.Parsing;

/// <summary>Priority markers ("!high", "!!", "!") and phrases ("high priority", "urgent").</summary>
internal static class PriorityWords
{
    /// <returns>The priority (None when nothing matched), how many tokens, and whether it was a "!" marker.</returns>
    public static (Priority Priority, int Count, bool IsMarker) Match(TokenList t, int i)
    {
        var word = t.Word(i);
        if (word.StartsWith('!'))
        {
            var marker = word switch
            {
                "!high" or "!h" or "!1" or "!hi" => Priority.High,
                "!medium" or "!med" or "!m" or "!2" => Priority.Medium,
                "!low" or "!l" or "!3" or "!lo" => Priority.Low,
                _ when word.All(c => c == '!') => word.Length switch
                {
                    1 => Priority.Low,
                    2 => Priority.Medium,
                    _ => Priority.High,
                },
                _ => Priority.None,
            };
            return (marker, 1, true);
        }

        if (word is "urgent" or "important")
        {
            return (Priority.High, 1, false);
        }

        // Todoist's p1 (most urgent) to p4 (no priority); p4 is recognised by IsTodoistNone.
        if (Todoist(word) is { } todoist)
        {
            return (todoist, 1, true);
        }

        if (t.Is(i, "priority", "prio") && Todoist("p" + t.Word(i + 1)) is { } numbered)
        {
            return (numbered, 2, false);
        }

        var level = Level(word);
        if (level != Priority.None && t.Is(i + 1, "priority", "prio"))
        {
            return (level, 2, false);
        }

        level = Level(t.Word(i + 1));
        if (t.Is(i, "priority", "prio") && level != Priority.None)
        {
            return (level, 2, false);
        }

        return (Priority.None, 0, false);
    }

    /// <summary>"p4" or "priority 4": Todoist's default, no priority, but still not part of the title.</summary>
    public static int IsTodoistNone(TokenList t, int i) =>
        t.Word(i) == "p4" ? 1 : t.Is(i, "priority", "prio") && t.Word(i + 1) == "4" ? 2 : 0;

    private static Priority? Todoist(string word) => word switch
    {
        "p1" => Priority.High,
        "p2" => Priority.Medium,
        "p3" => Priority.Low,
        _ => null,
    };

    private static Priority Level(string word) => word switch
    {
        "high" or "hi" or "top" => Priority.High,
        "medium" or "med" or "normal" => Priority.Medium,
        "low" or "lo" => Priority.Low,
        _ => Priority.None,
    };
}
