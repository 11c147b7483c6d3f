using Todo.Contracts;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

/// <summary>
/// The commands that change an existing task's fields (priority, tags, title, notes, repeat rule, due date,
/// reminder), bulk requests, yes/no and undo, and the ways people say they did something ("I bought the milk").
/// Arguments starting with '$' are resolved by the assistant against the task itself (add a tag to the tags it
/// has, shift its date by a week).
/// </summary>
internal static partial class ChatInterpreter
{
    // ---- the shape of a message before the commands look at it ----

    private static readonly (Regex Pattern, string Replacement)[] Polish =
    [
        (new(@"^.*?\b(?:sorry|i mean|rather)\s*,\s*", RegexOptions.IgnoreCase), ""),
        (new(@"^(?:(?:hey|hi|ok|okay|so|um|oh|oops|great|cool|thanks|alright|right|hmm)\b[,!.]*\s+)+", RegexOptions.IgnoreCase), ""),
        (new(@"^(?:never ?mind|actually|wait)[,!.]*\s+", RegexOptions.IgnoreCase), ""),
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

    // ---- yes, no, undo ----

    private static readonly Regex YesPattern = new(@"^(?:yes|yeah|yep|yup|y|sure|ok|okay|go ahead|do it|confirm|correct|please do|yes please|yes do it|absolutely|of course)$");
    private static readonly Regex NoPattern = new(@"^(?:no|nope|nah|n|cancel|stop|don't|do not|no thanks|no thank you|never ?mind|forget it|leave it|abort)$");
    private static readonly Regex UndoPattern = new(@"^(?:(?:oops|whoops|never ?mind|no|wait)[,!.]*\s+)?(?:undo|undo that|undo it|undo the last (?:one|change|action)|revert(?: that| it)?|take that back|put it back|reverse that)$");

    private static ChatIntent? TryConfirmOrUndo(string s)
    {
        var bare = s.Trim('.', '!', ' ', ',');
        if (UndoPattern.IsMatch(bare))
        {
            return new UndoIntent();
        }

        if (YesPattern.IsMatch(bare))
        {
            return new ConfirmIntent(true);
        }

        return NoPattern.IsMatch(bare) ? new ConfirmIntent(false) : null;
    }

    // ---- impossible dates ----

    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private const string MonthWord = @"(?<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

    private static readonly Regex[] DatePatterns =
    [
        new(@"\b" + MonthWord + @"\s+(?:the\s+)?(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4}))?"),
        new(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MonthWord + @"\b(?:,?\s+(?<y>\d{4}))?"),
        new(@"(?<![\d/])(?<mm>\d{1,2})/(?<d>\d{1,2})(?:/(?<y>\d{4}))?(?![\d/])"),
    ];

    /// <summary>"february 30", "april 31st", "2/30": the day does not exist, so say why instead of not understanding.</summary>
    private static ChatIntent? TryImpossibleDate(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        foreach (var pattern in DatePatterns)
        {
            foreach (Match m in pattern.Matches(s))
            {
                var month = m.Groups["m"].Success
                    ? Array.FindIndex(MonthNames, n => n.StartsWith(m.Groups["m"].Value, StringComparison.Ordinal)) + 1
                    : int.Parse(m.Groups["mm"].Value, CultureInfo.InvariantCulture);
                var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
                if (month is < 1 or > 12 || day < 1)
                {
                    continue;
                }

                var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : (int?)null;
                var max = year is { } y and >= 1 and <= 9999 ? DateTime.DaysInMonth(y, month) : month == 2 ? 29 : DateTime.DaysInMonth(2001, month);
                if (day <= max)
                {
                    continue;
                }

                var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(MonthNames[month - 1]);
                var why = month == 2
                    ? year is { } leap ? $"February {leap} has only {max} days" : "February has only 28 days (29 in a leap year)"
                    : $"{name} has only {max} days";
                return new ReplyIntent($"There is no {name} {day}: {why}, so I didn't change anything. Which day did you mean, e.g. \"{name} {max}\"?");
            }
        }

        return null;
    }

    // ---- several clauses: "trash is out, mark it done", "the report is not that important, make it low" ----

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
            subject = Regex.Match(first, @"^(?<x>.+?)\s+(?:is|are|isn't|is not|was|has been|'s)\b").Groups["x"].Value;
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

    // ---- priority ----

    private const string PriorityWord =
        @"(?<p>p[1-4]|priority [1-4]|prio [1-4]|(?:high|highest|medium|normal|low|lowest|top|no)(?:[- ]priority)?|urgent|important|not urgent|none)";

    private static readonly Regex[] PriorityPatterns =
    [
        new(@"^(?:set|change|update)\s+(?:the\s+)?priority\s+(?:of|on|for)\s+(?<ref>.+?)\s+(?:to|as)\s+" + PriorityWord + "$"),
        new(@"^(?:set|change)\s+(?<ref>.+?)(?:'s)?\s+priority\s+(?:to|as)\s+" + PriorityWord + "$"),
        new(@"^priority\s+(?:of|for|on)\s+(?<ref>.+?)\s*(?::|to|=|is)\s*" + PriorityWord + "$"),
        new(@"^(?:make|set|mark|change|bump|put|give|turn|switch|flag)\s+(?<ref>.+?)\s+(?:to\s+|as\s+|at\s+)?(?:a\s+|an\s+)?" + PriorityWord + "$"),
        new(@"^(?:downgrade|upgrade|lower|raise|drop|move)\s+(?<ref>.+?)\s+to\s+" + PriorityWord + "$"),
        new(@"^(?<ref>.+?)\s+(?:is|are|should be|needs to be|must be)\s+(?:now\s+)?(?:an?\s+)?" + PriorityWord + "$"),
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

    // ---- tags ----

    private const string TagList = @"(?<tags>#?[\p{L}\p{N}_\-]+(?:(?:\s*,\s*|\s+and\s+|\s+)#?[\p{L}\p{N}_\-]+)*?)";

    private static readonly Regex[] AddTagPatterns =
    [
        new(@"^(?:tag|label)\s+(?<ref>.+?)\s+(?:with|as)\s+(?:the\s+)?(?:tags?\s+|labels?\s+)?" + TagList + "$"),
        new(@"^(?:tag|label)\s+(?<ref>it|that|this|that one|them)\s+" + TagList + "$"),
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

    // ---- title ----

    private static readonly Regex[] RenamePatterns =
    [
        new(@"^(?:rename|retitle)\s+(?<ref>.+?)\s*(?:\s+to\s+|\s+as\s+|:\s*|\s+into\s+)(?<new>.+)$"),
        new(@"^(?:change|edit|update|set)\s+(?:the\s+)?(?:title|name|wording)\s+(?:of|on|for)\s+(?<ref>.+?)\s*(?:\s+to\s+|:\s*)(?<new>.+)$"),
        new(@"^(?:change|edit)\s+(?<ref>.+?)'s\s+(?:title|name)\s+to\s+(?<new>.+)$"),
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

    // ---- notes ----

    private static readonly Regex[] NotePatterns =
    [
        new(@"^(?:add|attach|put|write|leave|set)\s+(?:a\s+|the\s+)?notes?\s+(?:to|on|for|in)\s+(?<ref>.+?)\s*(?::|\s-\s|\s–\s|\s+saying\s+|\s+that says\s+|\s+reading\s+)\s*(?<note>.+)$"),
        new(@"^notes?\s+(?:on|for|to)\s+(?<ref>.+?)\s*:\s*(?<note>.+)$"),
        new(@"^(?:change|set|update|replace|edit)\s+(?:the\s+)?notes?\s+(?:on|of|for|in)\s+(?<ref>.+?)\s+(?:to|with)\s+(?<note>.+)$"),
        new(@"^(?:write|put|add)\s+(?<note>.+?)\s+(?:in|into|to)\s+the\s+notes?\s+(?:of|on|for)\s+(?<ref>.+)$"),
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
                return note.Length == 0 ? null : Action("update_task", m.Groups["ref"].Value, new JsonObject { ["notes"] = note });
            }
        }

        return null;
    }

    // ---- repeat rule ----

    private const string Rule = @"(?<rule>(?:every|each)\s+.+|daily|weekly|monthly|yearly|annually|every ?day|weekdays)";

    private static readonly Regex[] RepeatPatterns =
    [
        new(@"^(?:make|set|have)\s+(?<ref>.+?)\s+(?:to\s+)?(?:repeat|recur|happen)\s+" + Rule + "$"),
        new(@"^(?<ref>.+?)\s+should\s+(?:repeat|recur|happen)\s+" + Rule + "$"),
        new(@"^repeat\s+(?<ref>.+?)\s+" + Rule + "$"),
        new(@"^make\s+(?<ref>.+?)\s+(?:a\s+)?" + Rule + @"(?:\s+(?:task|thing))?$"),
        new(@"^(?:change|switch|set)\s+(?<ref>.+?)\s+to\s+(?:repeat\s+)?" + Rule + "$"),
    ];

    private static readonly Regex StopRepeat = new(
        @"^(?:stop|end|cancel|remove|turn off)\s+(?:repeating|the\s+repeat(?:s|ing)?|the\s+recurrence|recurring)\s+(?:(?:of|on|for)\s+)?(?<ref>.+)$|" +
        @"^(?:don't|do not)\s+repeat\s+(?<ref>.+)$|" +
        @"^(?<ref>.+?)\s+(?:doesn't|does not|shouldn't|should not|no longer needs to|don't|do not)\s+(?:need to\s+)?(?:repeat|recur)(?:\s+any ?more)?$|" +
        @"^(?<ref>.+?)\s+should\s+(?:only\s+)?happen\s+(?:just\s+)?once\b.*$|" +
        @"^make\s+(?<ref>.+?)\s+(?:a\s+)?one[- ]off$");

    private static ChatIntent? TryRepeat(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (StopRepeat.Match(s) is { Success: true } stop)
        {
            return Action("update_task", stop.Groups["ref"].Value, new JsonObject { ["clearRecurrence"] = true });
        }

        foreach (var pattern in RepeatPatterns)
        {
            if (pattern.Match(s) is not { Success: true } m)
            {
                continue;
            }

            var rule = m.Groups["rule"].Value;
            rule = rule switch { "annually" => "yearly", "everyday" => "every day", _ => rule };
            var parsed = QuickAddParser.Parse("x " + rule, now, zone);
            if (parsed.Recurrence is not { } recurrence)
            {
                continue;
            }

            var arguments = new JsonObject { ["recurrence"] = JsonSerializer.SerializeToNode(ToDto(recurrence), TodoJson.Options) };
            if (parsed.Due is { } first)
            {
                arguments["$dueIfNone"] = first.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            return Action("update_task", m.Groups["ref"].Value, arguments);
        }

        return null;
    }

    // ---- due date ----

    private static readonly Regex ClearDue = new(
        @"^(?:remove|clear|delete|drop|take off|unset)\s+(?:the\s+)?(?:due\s+)?date\s+(?:from|on|of|for)\s+(?<ref>.+)$|" +
        @"^no\s+(?:due\s+)?date\s+(?:for|on)\s+(?<ref>.+)$|" +
        @"^(?<ref>.+?)\s+(?:doesn't|does not)\s+(?:need|have)\s+(?:a\s+)?(?:due\s+)?date$|^unschedule\s+(?<ref>.+)$");

    private static readonly Regex Shift = new(@"^(?:push|move|put|set)\s+(?<ref>.+?)\s+back\s+(?:by\s+)?(?<n>a|an|one|two|three|\d+)\s+(?<unit>days?|weeks?)$|^(?:delay|postpone|push|shift)\s+(?<ref>.+?)\s+(?:by|for)\s+(?<n>a|an|one|two|three|\d+)\s+(?<unit>days?|weeks?)$");

    private static readonly Regex[] DueWhenPatterns =
    [
        new(@"^(?<ref>.+?)\s+is\s+(?:now\s+)?due\s+(?<when>.+?)(?:\s+now|\s+instead)?$"),
        new(@"^(?:change|set|move|update)\s+(?:the\s+)?(?:due\s+)?date\s+(?:of|for|on)\s+(?<ref>.+?)\s+to\s+(?<when>.+)$"),
        new(@"^set\s+(?<ref>.+?)\s+(?:due|for|to)\s+(?<when>.+)$"),
        new(@"^make\s+(?<ref>.+?)\s+(?:due\s+)?(?<when>(?:at|on|due|for)\s+.+)$"),
        new(@"^make\s+(?<ref>.+?)\s+due\s+(?<when>.+)$"),
        new(@"^i'?(?:ll| will)\s+do\s+(?<ref>.+?)\s+(?<when>(?:on|at|by|tomorrow|today|tonight|next|this|in)\b.*?)(?:\s+instead)?$"),
        new(@"^(?:do|schedule)\s+(?<ref>.+?)\s+(?<when>(?:on|tomorrow|next)\b.*?)\s+instead$"),
        new(@"^(?:can|could|will)?\s*(?<ref>.+?)\s+(?:can|could|will)?\s*wait\s+(?:until|till|til|for)\s+(?<when>.+)$"),
    ];

    private static ChatIntent? TryDueChange(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (ClearDue.Match(s) is { Success: true } clear)
        {
            return Action("update_task", clear.Groups["ref"].Value, new JsonObject { ["clearDue"] = true });
        }

        if (Shift.Match(s) is { Success: true } shift)
        {
            var n = shift.Groups["n"].Value switch { "a" or "an" or "one" => 1, "two" => 2, "three" => 3, var d => int.Parse(d, CultureInfo.InvariantCulture) };
            var days = shift.Groups["unit"].Value.StartsWith('w') ? n * 7 : n;
            return Action("update_task", shift.Groups["ref"].Value, new JsonObject { ["$shiftDays"] = days });
        }

        foreach (var pattern in DueWhenPatterns)
        {
            if (pattern.Match(s) is { Success: true } m && TryWhen(m.Groups["when"].Value, now, zone, out var parsed))
            {
                return Action("update_task", m.Groups["ref"].Value, DueArguments(parsed, zone));
            }
        }

        return null;
    }

    private static JsonObject DueArguments(ParsedWhen parsed, TimeZoneInfo zone)
    {
        var (date, time) = Local(parsed, zone);
        var arguments = new JsonObject { ["dueDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (time is { } t)
        {
            arguments["dueTime"] = t.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        return arguments;
    }

    // ---- "I bought the milk", "the bike is fixed", "called grandma" ----

    private static readonly HashSet<string> NotPast = new(StringComparer.Ordinal)
    {
        "need", "feed", "seed", "weed", "bleed", "speed", "breed", "proceed", "succeed", "exceed", "embed", "shed", "bed", "red", "wed", "schedule", "used",
        "shred", "bread", "spread", "thread", "tweed", "heed", "reed", "deed", "sled", "fred", "ted", "ned", "ed", "led", "wed", "weed", "plead",
    };

    /// <summary>"X is needed", "X is delayed": a state, but not "done".</summary>
    private static readonly HashSet<string> NotDone = new(StringComparer.Ordinal)
    {
        "needed", "required", "delayed", "postponed", "planned", "scheduled", "cancelled", "canceled", "blocked", "started",
        "overdue", "due", "expected", "wanted", "booked for", "assigned", "tagged", "labelled", "labeled", "repeated", "moved",
    };

    private static readonly Regex PastTense = new(
        @"^(?:i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)*|just\s+|already\s+|finally\s+)?(?<verb>[a-z]+ed|bought|paid|did|got|made|sent|took|wrote|gave|rang|met|sold|brought|fed|went|ran|found|built|spoke)\s+(?<rest>.+)$");

    private static readonly Regex DoneState = new(
        @"^(?<ref>.+?)(?:\s+(?:is|are|has been|have been|got|was|were)|'s)\s+(?:now\s+|all\s+|finally\s+)?(?<state>[a-z]+ed|done|paid|sorted|out|finished|complete|completed|bought|sent|over|taken care of|dealt with)$");

    private static ChatIntent? TryPastTense(string s)
    {
        if (IsQuestion(s))
        {
            return null;
        }

        if (DoneState.Match(s) is { Success: true } state && !NotDone.Contains(state.Groups["state"].Value))
        {
            return Action("complete_task", state.Groups["ref"].Value, []);
        }

        if (PastTense.Match(s) is { Success: true } past && !NotPast.Contains(past.Groups["verb"].Value) && !s.StartsWith("i need", StringComparison.Ordinal))
        {
            var verb = past.Groups["verb"].Value;
            if (verb is "finished" or "completed" or "did" or "done")
            {
                return Action("complete_task", past.Groups["rest"].Value, []);
            }

            return Action("complete_task", TaskMatcher.Stem(verb) + " " + past.Groups["rest"].Value, []);
        }

        return null;
    }

    // ---- "all", "every", "everything": always confirmed ----

    private static readonly Regex BulkPattern = new(
        @"^(?<verb>delete|remove|clear|erase|wipe|trash|get rid of|complete|finish|mark|tick off|check off|cross off|close|move|push|reschedule|postpone)\s+(?:out\s+)?" +
        @"(?<scope>(?:all|every|everything|each|the whole|my whole|all of)\b.*?|(?:my|the)\s+(?:whole\s+|entire\s+)?(?:list|to-?do list)|tasks\s+(?:tagged|with|labelled|labeled|due|from|that)\b.*?|(?:the|my)\s+(?:[\p{L}#\-']+\s+){0,3}(?:tasks|todos|items|ones)|completed|done|finished|[\p{L}#\-']+\s+tasks)" +
        @"(?<done>\s+(?:as\s+)?(?:done|complete|completed|finished))?(?:\s+(?:to|until|till|for)\s+(?<when>.+))?$");

    private static ChatIntent? TryBulk(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (BulkPattern.Match(s) is not { Success: true } m || Regex.IsMatch(s, @"\b(?:tags?|labels?|notes?|reminders?|priority|due dates?)\s+(?:from|on|of|for|off)\b"))
        {
            return null;
        }

        var verb = m.Groups["verb"].Value;
        var scope = " " + m.Groups["scope"].Value + " ";
        var tool = verb switch
        {
            "complete" or "finish" or "mark" or "tick off" or "check off" or "cross off" or "close" => "complete_task",
            "move" or "push" or "reschedule" or "postpone" => "update_task",
            _ => "delete_task",
        };
        if (verb == "mark" && !Regex.IsMatch(s, @"\b(?:done|complete|completed|finished)$"))
        {
            return null;
        }

        if (tool == "delete_task" && m.Groups["done"].Success)
        {
            scope += m.Groups["done"].Value + " "; // "delete everything I've finished": which tasks, not what to do
        }

        var arguments = new JsonObject();
        if (tool == "update_task")
        {
            if (!m.Groups["when"].Success || !TryWhen(m.Groups["when"].Value, now, zone, out var when))
            {
                return m.Groups["when"].Success ? NotADate(m.Groups["when"].Value, "move all overdue to tomorrow") : null;
            }

            arguments = DueArguments(when, zone);
        }

        scope = Regex.Replace(scope, @"\b(?:all|every|everything|each|the whole|my whole|of|ones|whole list|list|entire|whole|to-?do)\b", " ");
        scope = Regex.Replace(scope, @"\b(?:today's|todays)\b", " today ");
        var query = TryList("show " + scope.Trim(), now, zone) as ToolIntent ?? new ToolIntent("list_tasks", [], "Your open tasks");
        if (!query.Arguments.ContainsKey("status"))
        {
            // "delete everything" means everything; "complete all ..." can only mean open tasks.
            query.Arguments["status"] = tool == "delete_task" && query.Arguments.Count == 0 && query.Words is null && query.Period is null ? "all" : "open";
        }

        var describe = tool switch { "complete_task" => "Complete", "update_task" => "Move", _ => "Delete" };
        return new BulkIntent(tool, query, arguments, describe);
    }
}
