using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// Commands that change a task's priority, tags, title or notes. Arguments starting with '$' are resolved by the
// assistant against the task itself (add a tag to the tags it has).
internal static partial class ChatInterpreter
{
    private const string PriorityWord =
        @"(?<p>p[1-4]|priority [1-4]|prio [1-4]|(?:high|highest|medium|normal|low|lowest|top|no)(?:[- ]priority)?|urgent|important|not urgent|none)";

    private static readonly Regex[] PriorityPatterns =
    [
        new(@"^(?:set|change|update)\s+(?:the\s+)?priority\s+(?:of|on|for)\s+(?<ref>.+?)\s+(?:to|as)\s+" + PriorityWord + "$"),
        new(@"^(?:set|change)\s+(?<ref>.+?)(?:'s)?\s+priority\s+(?:to|as)\s+" + PriorityWord + "$"),
        new(@"^priority\s+(?:of|for|on)\s+(?<ref>.+?)\s*(?::|to|=|is)\s*" + PriorityWord + "$"),
        new(@"^(?:make|set|mark|change|bump|put|give|turn|switch|flag)\s+(?<ref>.+?)(?:\s+(?:down|up))?\s+(?:to\s+|as\s+|at\s+)?(?:a\s+|an\s+)?" + PriorityWord + "$"),
        new(@"^(?:downgrade|upgrade|lower|raise|drop|move)\s+(?<ref>.+?)\s+to\s+" + PriorityWord + "$"),
        new(@"^(?!(?:what|which|who|how|is|are|do|does|any)\b)(?<ref>.+?)\s+(?:is|are|should be|needs to be|must be)\s+(?:now\s+)?(?:an?\s+)?" + PriorityWord + @"(?:\s+now|\s+after all)?$"),
    ];

    private static readonly Regex PriorityOff = new(@"^(?:remove|clear|drop|reset)\s+(?:the\s+)?priority\s+(?:from|of|on|for)\s+(?<ref>.+)$|^(?<ref>.+?)\s+(?:is not|isn't|is no longer|isn't that|is not that)\s+(?:urgent|important|a priority)(?:\s+any ?more)?$");
    private static readonly Regex PriorityStep = new(@"^(?<dir>lower|reduce|decrease|drop|raise|increase|bump up|bump|up|boost)\s+(?:the\s+)?priority\s+(?:of|on|for)\s+(?<ref>.+)$|^(?<dir>bump up|raise|boost)\s+(?<ref>.+?)(?:'s)?\s+priority$");

    private static ChatIntent? TryPriority(string s)
    {
        if (PriorityOff.Match(s) is { Success: true } off)
        {
            return Action("update_task", off.Groups["ref"].Value, new JsonObject { ["priority"] = "none" });
        }

        if (PriorityStep.Match(s) is { Success: true } step)
        {
            var up = step.Groups["dir"].Value is "raise" or "increase" or "bump up" or "bump" or "up" or "boost";
            return Action("update_task", step.Groups["ref"].Value, new JsonObject { ["$priorityStep"] = up ? 1 : -1 });
        }

        foreach (var pattern in PriorityPatterns)
        {
            if (pattern.Match(s) is { Success: true } m && PriorityOf(m.Groups["p"].Value) is { } priority && !LooksLikeDate(m.Groups["ref"].Value))
            {
                return Action("update_task", m.Groups["ref"].Value, new JsonObject { ["priority"] = priority });
            }
        }

        return null;
    }

    private static string? PriorityOf(string word) => word.Replace("-", " ").Replace(" priority", "") switch
    {
        "p1" or "priority 1" or "prio 1" or "high" or "highest" or "top" or "urgent" or "important" => "high",
        "p2" or "priority 2" or "prio 2" or "medium" or "normal" => "medium",
        "p3" or "priority 3" or "prio 3" or "low" or "lowest" => "low",
        "p4" or "priority 4" or "prio 4" or "no" or "none" or "not urgent" => "none",
        _ => null,
    };

    private static bool LooksLikeDate(string reference) => Regex.IsMatch(reference, @"\b(?:today|tomorrow|tonight|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b");

    private const string TagList = @"(?<tags>#?[\p{L}\p{N}_\-]+(?:(?:\s*,\s*|\s+and\s+|\s+)#?[\p{L}\p{N}_\-]+)*?)";

    private static readonly Regex[] AddTagPatterns =
    [
        new(@"^(?:tag|label)\s+(?<ref>.+?)\s+(?:with|as)\s+(?:the\s+)?(?:tags?\s+|labels?\s+)?" + TagList + "$"),
        new(@"^(?:tag|label)\s+(?<ref>it|that|this|that one|them)\s+" + TagList + "$"),
        // "tag the dry cleaning errands": the last word is the tag when at least two words name the task.
        new(@"^(?:tag|label)\s+(?<ref>(?:the\s+|my\s+)?[\p{L}\p{N}'\-]+\s+[\p{L}\p{N}'\- ]+?)\s+(?:as\s+)?(?<tags>#?[\p{L}\p{N}_\-]+)$"),
        new(@"^(?:tag|label)\s+(?<ref>.+?)\s+(?<tags>#[\p{L}\p{N}_\-]+(?:(?:\s*,\s*|\s+and\s+|\s+)#[\p{L}\p{N}_\-]+)*)$"),
        new(@"^(?:add|put|attach|give)\s+(?:the\s+|a\s+|an\s+)?(?:tags?|labels?)\s+" + TagList + @"\s+(?:to|on)\s+(?<ref>.+)$"),
        new(@"^(?:add|put|attach|give)\s+(?:the\s+|a\s+|an\s+)?" + TagList + @"\s+(?:tags?|labels?)\s+(?:to|on)\s+(?<ref>.+)$"),
        new(@"^(?:add|put)\s+(?<tags>#[\p{L}\p{N}_\-]+(?:(?:\s*,\s*|\s+and\s+|\s+)#[\p{L}\p{N}_\-]+)*)\s+(?:to|on)\s+(?<ref>.+)$"),
        new(@"^(?:put|file|move)\s+(?<ref>.+?)\s+(?:(?:under|in|into)\s+(?:the\s+|my\s+)?(?<tags>#[\p{L}\p{N}_\-]+)|under\s+(?:the\s+|my\s+)?(?<tags>[\p{L}\p{N}_\-]+)|(?:under|in|into)\s+(?:the\s+|my\s+)?(?<tags>#?[\p{L}\p{N}_\-]+)\s+(?:list|tag|label|project|category))$"),
    ];

    private static readonly Regex[] RemoveTagPatterns =
    [
        new(@"^(?:remove|take|delete|drop|get rid of|clear)\s+(?:the\s+)?(?<tags>#?[\p{L}\p{N}_\-]+)\s+(?:tag|label)\s+(?:from|off|on|of)\s+(?<ref>.+)$"),
        new(@"^(?:remove|take|delete|drop)\s+(?:the\s+)?(?:tag|label)\s+(?<tags>#?[\p{L}\p{N}_\-]+)\s+(?:from|off|on)\s+(?<ref>.+)$"),
        new(@"^(?:remove|take|delete|drop)\s+(?<tags>#[\p{L}\p{N}_\-]+)\s+(?:from|off)\s+(?<ref>.+)$"),
    ];

    private static readonly Regex ClearTags = new(@"^(?:untag|unlabel)\s+(?<ref>.+)$|^(?:remove|clear|delete|drop)\s+(?:all\s+)?(?:the\s+)?(?:tags|labels)\s+(?:from|on|of)\s+(?<ref>.+)$");

    private static ChatIntent? TryTags(string s)
    {
        if (ClearTags.Match(s) is { Success: true } clear)
        {
            return Action("update_task", clear.Groups["ref"].Value, new JsonObject { ["clearTags"] = true });
        }

        foreach (var pattern in RemoveTagPatterns)
        {
            if (pattern.Match(s) is { Success: true } m)
            {
                return Action("update_task", m.Groups["ref"].Value, new JsonObject { ["$removeTags"] = Tags(m.Groups["tags"].Value) });
            }
        }

        foreach (var pattern in AddTagPatterns)
        {
            if (pattern.Match(s) is { Success: true } m && !Regex.IsMatch(m.Groups["tags"].Value, @"^(?:my|the)?\s*(?:to-?do|list|calendar)$"))
            {
                return Action("update_task", m.Groups["ref"].Value, new JsonObject { ["$addTags"] = Tags(m.Groups["tags"].Value) });
            }
        }

        return null;
    }

    private static JsonArray Tags(string text) =>
        new([.. Regex.Split(text, @"\s*,\s*|\s+and\s+|\s+").Select(t => t.Trim().TrimStart('#')).Where(t => t.Length > 0).Distinct().Select(t => (JsonNode)t)]);

    private static readonly Regex[] RenamePatterns =
    [
        new(@"^(?:rename|retitle)\s+(?<ref>.+?)\s*(?:\s+to\s+|\s+as\s+|:\s*|\s+into\s+)(?<new>.+)$"),
        new(@"^(?:change|edit|update|set)\s+(?:the\s+)?(?:title|name|wording)\s+(?:of|on|for)\s+(?<ref>.+?)\s*(?:\s+to\s+|:\s*)(?<new>.+)$"),
        new(@"^(?:change|edit)\s+(?<ref>.+?)'s\s+(?:title|name)\s+to\s+(?<new>.+)$"),
        new(@"^(?:change|edit|update)\s+(?:the\s+)?(?<ref>.+?)\s+(?:task'?s?\s+|item'?s?\s+)?(?:title|name)\s+to\s+(?<new>.+)$"),
        // "call the flights task book flights to Milan instead".
        new(@"^(?:call|name)\s+(?:the\s+)?(?<ref>.+?)\s+(?:task|one|item|todo)\s+(?<new>.+)$"),
        new(@"^(?!(?:i|we|you|they|he|she)\s)(?<ref>.+?)\s+should\s+(?:be\s+called|be\s+named|say)\s+(?<new>.+)$"),
        new(@"^(?:change|edit)\s+(?<ref>[""'“].+?[""'”])\s+to\s+(?<new>.+)$"),
    ];

    private static ChatIntent? TryRename(string original, string s)
    {
        foreach (var pattern in RenamePatterns)
        {
            if (pattern.Match(s) is { Success: true } m)
            {
                // The new title keeps the user's capitals: take it from the original text at the same place.
                var title = Unquote(original.Length == s.Length ? original.Substring(m.Groups["new"].Index, m.Groups["new"].Length) : m.Groups["new"].Value);
                title = Regex.Replace(title, @"\s+instead$", "", RegexOptions.IgnoreCase);
                return title.Length == 0 ? null : Action("update_task", m.Groups["ref"].Value, new JsonObject { ["title"] = title });
            }
        }

        return null;
    }

    private static string Unquote(string text)
    {
        var t = text.Trim().TrimEnd('.', '!');
        return t.Length >= 2 && "\"'“‘".Contains(t[0], StringComparison.Ordinal) && "\"'”’".Contains(t[^1], StringComparison.Ordinal) ? t[1..^1].Trim() : t;
    }

    private static readonly Regex[] NotePatterns =
    [
        new(@"^(?<verb>add|attach|put|write|leave|make|jot|set)\s+(?:a\s+|another\s+|the\s+)?notes?\s+(?:to|on|for|in)\s+(?<ref>.+?)\s*(?::|\s-\s|\s–\s|\s+saying\s+|\s+that says\s+|\s+reading\s+)\s*(?<note>.+)$"),
        new(@"^(?<verb>)notes?\s+(?:on|for|to)\s+(?<ref>.+?)\s*:\s*(?<note>.+)$"),
        new(@"^(?<verb>write down|jot down|note down|add)\s+(?:in|on|to)\s+(?<ref>.+?)\s*:\s*(?<note>.+)$"),
        new(@"^(?<verb>change|set|update|replace|edit)\s+(?:the\s+)?notes?\s+(?:on|of|for|in)\s+(?<ref>.+?)\s+(?:to|with)\s+(?<note>.+)$"),
        new(@"^(?<verb>write|put|add)\s+(?<note>.+?)\s+(?:in|into|to)\s+the\s+notes?\s+(?:of|on|for)\s+(?<ref>.+)$"),
    ];

    private static readonly Regex ClearNotes = new(@"^(?:remove|clear|delete|drop|erase|wipe)\s+(?:the\s+|all\s+)?notes?\s+(?:from|on|of|for|in)\s+(?<ref>.+)$");

    private static ChatIntent? TryNotes(string original, string s)
    {
        if (ClearNotes.Match(s) is { Success: true } clear)
        {
            return Action("update_task", clear.Groups["ref"].Value, new JsonObject { ["clearNotes"] = true });
        }

        foreach (var pattern in NotePatterns)
        {
            if (pattern.Match(s) is { Success: true } m)
            {
                var note = Unquote(original.Length == s.Length ? original.Substring(m.Groups["note"].Index, m.Groups["note"].Length) : m.Groups["note"].Value);
                // Adding a note keeps the notes already there (the assistant appends it); set/change/replace replaces them.
                var replace = m.Groups["verb"].Value is "set" or "change" or "update" or "replace" or "edit";
                return note.Length == 0 ? null : Action("update_task", m.Groups["ref"].Value, new JsonObject { [replace ? "notes" : "$appendNotes"] = note });
            }
        }

        return null;
    }
}
