using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Todo.Backend.Features.Tasks;
using Todo.Contracts;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The offline assistant's understanding of plain English todo language: one message in, one intent out, with no
/// I/O, so the utterance suite can pin it at a fixed "now". Adds go through <see cref="QuickAddParser"/>, dates of
/// commands through <see cref="DateTimePhraseParser"/>; a date it cannot read is reported back, never guessed.
/// </summary>
internal static partial class ChatInterpreter
{
    public const int DefaultSnoozeMinutes = 10;

    public const string Help =
        "I can manage your list. Try:\n" +
        "• \"remind me to call mom tomorrow at 5pm\" or \"pay rent every month on the 1st at 9am !high #bills\"\n" +
        "• \"what's due today?\", \"show overdue\", \"high priority #work\", \"find dentist\", \"what's on my list\"\n" +
        "• \"done 2\", \"reopen 2\", \"delete 3\" (numbers from the last list) or \"done with dentist\"\n" +
        "• \"move 2 to friday\", \"snooze 1 for 10 minutes\", \"remind me about 2 at 4pm\"";

    public static ChatIntent Interpret(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var original = text.Trim();
        var s = Normalise(original);
        if (s.Length == 0 || HelpPattern().IsMatch(s))
        {
            return new ReplyIntent(s is "hi" or "hello" or "hey" ? "Hi! " + Help : Help);
        }

        return TryReminder(s, now, zone)
            ?? TrySnooze(s, now, zone)
            ?? TryReopen(s)
            ?? TryComplete(s)
            ?? TryDelete(s)
            ?? TryMove(s, now, zone)
            ?? TryList(s)
            ?? TryAdd(original, s, now, zone)
            ?? new ReplyIntent("Sorry, I didn't understand that. " + Help);
    }

    /// <summary>
    /// Picks the task a title reference means among the tasks <c>list_tasks</c> found for it: the only one, or the one
    /// whose title is exactly the words given. Anything else is ambiguous (or nothing matched).
    /// </summary>
    public static IReadOnlyList<TaskRef> Pick(string title, IReadOnlyList<TaskRef> candidates)
    {
        var exact = candidates.Where(c => string.Equals(c.Title.Trim(), title.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count == 1 ? exact : candidates;
    }

    // ---- commands on existing tasks ----

    private static ChatIntent? TryReminder(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (ClearReminderPattern().Match(s) is { Success: true } clear)
        {
            return Action("set_reminder", clear.Groups["ref"].Value, new JsonObject { ["clear"] = true });
        }

        if (SetReminderPattern().Match(s) is not { Success: true } set)
        {
            return null;
        }

        var when = set.Groups["when"].Value;
        if (BeforePattern().Match(when) is { Success: true } before)
        {
            var minutes = int.Parse(before.Groups["n"].Value, CultureInfo.InvariantCulture) * (before.Groups["unit"].Value.StartsWith('h') ? 60 : before.Groups["unit"].Value.StartsWith('d') ? 1440 : 1);
            return Action("set_reminder", set.Groups["ref"].Value, new JsonObject { ["minutesBefore"] = minutes });
        }

        if (!TryWhen(when, now, zone, out var parsed))
        {
            return NotADate(when, "remind me about 2 at 4pm");
        }

        var instant = parsed.Instant ?? Tasks.ZonedTime.ToInstant(parsed.Date, parsed.Time ?? TaskTimes.DateOnlyReminderAnchor, zone);
        return Action("set_reminder", set.Groups["ref"].Value, new JsonObject { ["at"] = Iso(instant) });
    }

    private static ChatIntent? TrySnooze(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (SnoozePattern().Match(s) is not { Success: true } match)
        {
            return null;
        }

        var rest = match.Groups["rest"].Value;
        string reference;
        string? duration = null;
        var forAt = rest.LastIndexOf(" for ", StringComparison.Ordinal);
        if (forAt > 0)
        {
            reference = rest[..forAt];
            duration = rest[(forAt + 5)..];
        }
        else if (TrailingDurationPattern().Match(rest) is { Success: true } trailing)
        {
            reference = trailing.Groups["ref"].Value;
            duration = trailing.Groups["dur"].Value;
        }
        else
        {
            reference = rest;
        }

        var minutes = DefaultSnoozeMinutes;
        if (duration is not null)
        {
            switch (duration.Trim())
            {
                case "half an hour":
                    minutes = 30;
                    break;
                case "an hour" or "a hour" or "one hour":
                    minutes = 60;
                    break;
                default:
                    if (!TryWhen(duration, now, zone, out var when))
                    {
                        return NotADate(duration, "snooze 1 for 10 minutes");
                    }

                    minutes = (int)Math.Round((when.ToUtc(zone, TaskTimes.DateOnlyReminderAnchor) - now).TotalMinutes);
                    break;
            }
        }

        return Action("snooze_reminder", reference, new JsonObject { ["minutes"] = minutes });
    }

    private static ChatIntent? TryReopen(string s) =>
        !IsQuestion(s) && FirstMatch(s, ReopenPatterns) is { } reference ? Action("reopen_task", reference, []) : null;

    private static bool IsQuestion(string s) => s.EndsWith('?') || QuestionPattern().IsMatch(s);

    private static ChatIntent? TryComplete(string s)
    {
        if (s is "done" or "finished" or "complete" or "completed")
        {
            return new ReplyIntent("Which task is done? Say \"done 2\" (a number from the last list) or \"done with dentist\".");
        }

        return !IsQuestion(s) && FirstMatch(s, CompletePatterns) is { } reference ? Action("complete_task", reference, []) : null;
    }

    private static ChatIntent? TryDelete(string s) =>
        DeletePattern().Match(s) is { Success: true } match ? Action("delete_task", match.Groups["ref"].Value, []) : null;

    private static ChatIntent? TryMove(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (MovePattern().Match(s) is not { Success: true } match)
        {
            return null;
        }

        var rest = match.Groups["rest"].Value;
        string? firstWhen = null;
        foreach (Match split in SplitPattern().Matches(rest))
        {
            var reference = rest[..split.Index];
            var when = rest[(split.Index + 1)..];
            firstWhen ??= when;
            if (reference.Length > 0 && TryWhen(when, now, zone, out var parsed))
            {
                var (date, time) = Local(parsed, zone);
                var arguments = new JsonObject { ["dueDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
                if (time is { } t)
                {
                    arguments["dueTime"] = t.ToString("HH:mm", CultureInfo.InvariantCulture);
                }

                return Action("update_task", reference, arguments);
            }
        }

        return firstWhen is null ? null : NotADate(firstWhen, "move 2 to friday");
    }

    // ---- questions about the list ----

    private static ChatIntent? TryList(string s)
    {
        if (FindPattern().Match(s) is { Success: true } find)
        {
            var q = Clean(find.Groups["q"].Value);
            return q.Length == 0 ? null : new ToolIntent("list_tasks", new JsonObject { ["query"] = q, ["status"] = "all" }, $"Tasks matching \"{q}\"");
        }

        var arguments = new JsonObject();
        var headings = new List<string>();
        var rest = " " + s.Replace('?', ' ').Replace(',', ' ') + " ";
        rest = Take(rest, OverduePattern(), () => { arguments["due"] = "overdue"; headings.Add("overdue"); });
        rest = Take(rest, TodayPattern(), () => { arguments["due"] = "today"; headings.Add("due today"); });
        rest = Take(rest, WeekPattern(), () => { arguments["due"] = "week"; headings.Add("due this week"); });
        rest = Take(rest, NoDuePattern(), () => { arguments["due"] = "none"; headings.Add("without a due date"); });
        rest = Take(rest, CompletedPattern(), () => { arguments["status"] = "completed"; headings.Add("completed"); });
        rest = Take(rest, AllPattern(), () => { arguments["status"] = "all"; });
        foreach (var (pattern, priority) in new[] { (HighPattern(), "high"), (MediumPattern(), "medium"), (LowPattern(), "low") })
        {
            rest = Take(rest, pattern, () => { arguments["priority"] = new JsonArray(priority); headings.Add($"{priority} priority"); });
        }

        var tags = new JsonArray();
        rest = TagPattern().Replace(rest, m =>
        {
            tags.Add(m.Groups["tag"].Value);
            headings.Add("#" + m.Groups["tag"].Value);
            return " ";
        });
        if (tags.Count > 0)
        {
            arguments["tags"] = tags;
        }

        rest = Take(rest, ByPriorityPattern(), () => { arguments["sort"] = "priority"; arguments["order"] = "desc"; });
        rest = Take(rest, ByTitlePattern(), () => arguments["sort"] = "title");
        rest = Take(rest, NewestPattern(), () => { arguments["sort"] = "created"; arguments["order"] = "desc"; });
        if (AboutPattern().Match(rest) is { Success: true } about)
        {
            arguments["query"] = Clean(about.Groups["q"].Value);
            headings.Add($"matching \"{arguments["query"]}\"");
            rest = rest[..about.Index];
        }

        var question = QuestionPattern().IsMatch(s) || s.EndsWith('?');
        var leftover = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Filler.Contains(w.Trim('?', '!', '.', ','))).ToList();
        if (leftover.Count > 0)
        {
            // "show dentist": the words that are not filters are what to look for.
            if (!question || leftover.Any(w => w.Any(char.IsDigit)) || arguments.ContainsKey("query"))
            {
                return null;
            }

            arguments["query"] = string.Join(' ', leftover).Trim('?', '!', '.', ',');
            headings.Add($"matching \"{arguments["query"]}\"");
        }
        else if (arguments.Count == 0 && !question)
        {
            return null;
        }

        var heading = headings.Count == 0 ? "Your open tasks" : "Tasks " + string.Join(", ", headings);
        return new ToolIntent("list_tasks", arguments, heading);
    }

    // ---- adding ----

    private static ChatIntent? TryAdd(string original, string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        var text = original;
        var explicitAdd = false;
        if (AddPrefixPattern().Match(text) is { Success: true } prefix)
        {
            text = text[prefix.Length..];
            text = ListSuffixPattern().Replace(text, "");
            explicitAdd = true;
        }
        else if (IntentPrefixPattern().Match(text) is { Success: true } intent)
        {
            text = text[intent.Length..];
            explicitAdd = true;
        }
        else if (s.StartsWith("remind me", StringComparison.Ordinal))
        {
            explicitAdd = true;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            return new ReplyIntent("What should I add? For example: \"add call mom tomorrow at 5pm\".");
        }

        var parsed = QuickAddParser.Parse(text, now, zone);
        // The whole text, not just the title: the parser itself forgives some misspellings ("tomorow"), and a date the
        // user did not quite write must be asked back, not guessed.
        if (DateTypos.Find(text) is { } typo)
        {
            return new ReplyIntent($"I couldn't read \"{typo.Typo}\" as a date (did you mean \"{typo.Meant}\"?), so I didn't add anything. " +
                "Try again, e.g. \"call mom tomorrow at 5pm\".");
        }

        var recognised = parsed.Due is not null || parsed.Recurrence is not null || parsed.Priority != Priority.None || parsed.Tags.Count > 0 || parsed.Reminder is not null;
        if (!explicitAdd && (!recognised || s.EndsWith('?')))
        {
            return null;
        }

        var arguments = new JsonObject { ["title"] = parsed.Title };
        if (parsed.Priority != Priority.None)
        {
            arguments["priority"] = parsed.Priority.ToString().ToLowerInvariant();
        }

        if (parsed.Tags.Count > 0)
        {
            arguments["tags"] = new JsonArray([.. parsed.Tags.Select(t => (JsonNode)t)]);
        }

        DueDto? due = null;
        if (parsed.Due is { } when)
        {
            var (date, time) = Local(when, zone);
            due = new DueDto(date, time);
            arguments["dueDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (time is { } t)
            {
                arguments["dueTime"] = t.ToString("HH:mm", CultureInfo.InvariantCulture);
            }
        }

        if (parsed.Reminder is { } reminder)
        {
            // Relative to the due time when it is, so moving the task later moves its reminder too.
            var anchor = due is null ? (DateTimeOffset?)null : Tasks.ZonedTime.ToInstant(due.Date, due.Time ?? TaskTimes.DateOnlyReminderAnchor, zone);
            var before = anchor - reminder;
            if (before is { } gap && gap >= TimeSpan.Zero && gap.TotalMinutes <= TaskRules.MaxReminderMinutesBefore && gap.Seconds == 0)
            {
                arguments["remindMinutesBefore"] = (int)gap.TotalMinutes;
            }
            else
            {
                arguments["remindAt"] = Iso(reminder);
            }
        }

        if (parsed.Recurrence is { } recurrence)
        {
            arguments["recurrence"] = JsonSerializer.SerializeToNode(ToDto(recurrence), TodoJson.Options);
        }

        return new ToolIntent("add_task", arguments, parsed.Warnings.Count > 0 ? "Note: " + string.Join("; ", parsed.Warnings) + "." : null);
    }

    public static RecurrenceDto ToDto(Todo.Language.Recurrence r) => new(
        Enum.Parse<RecurrenceFrequency>(r.Frequency.ToString()),
        r.Interval,
        r.ByDays.Count > 0 ? r.ByDays : null,
        r.ByMonthDay,
        r.Until,
        r.Count,
        r.FromCompletion);

    // ---- helpers ----

    private static (DateOnly Date, TimeOnly? Time) Local(ParsedWhen when, TimeZoneInfo zone)
    {
        if (when.Instant is { } instant)
        {
            var local = Tasks.ZonedTime.ToLocal(instant, zone);
            return (DateOnly.FromDateTime(local), new TimeOnly(local.Hour, local.Minute));
        }

        return (when.Date, when.Time is { } t ? new TimeOnly(t.Hour, t.Minute) : null);
    }

    private static string Iso(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static ChatIntent NotADate(string phrase, string example)
    {
        var words = LeadInPattern().Replace(phrase.Trim(), "");
        return DateTypos.Find(words) is { } typo
            ? new ReplyIntent($"I couldn't read \"{typo.Typo}\" as a date (did you mean \"{typo.Meant}\"?), so I didn't change anything. Try e.g. \"{example}\".")
            : new ReplyIntent($"I couldn't use \"{words}\" as a date or time (it has to be from today on), so I didn't change anything. Try e.g. \"{example}\".");
    }

    /// <summary>A date phrase with a misspelt word is not parsed at all, even when the parser would forgive it.</summary>
    private static bool TryWhen(string phrase, DateTimeOffset now, TimeZoneInfo zone, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParsedWhen? when)
    {
        when = null;
        return DateTypos.Find(phrase) is null && DateTimePhraseParser.TryParse(phrase, now, zone, out when);
    }

    [GeneratedRegex(@"^(?:(?:to|until|till|til|for|after|on|at)\s+)+")]
    private static partial Regex LeadInPattern();

    private static ChatIntent Action(string tool, string reference, JsonObject arguments)
    {
        var targets = Targets(reference);
        return targets.Count == 0
            ? new ReplyIntent($"Which task? Use its number from the last list or words of its title, e.g. \"{Example(tool)}\".")
            : new TaskActionIntent(tool, targets, arguments);
    }

    private static string Example(string tool) => tool switch
    {
        "complete_task" => "done 2",
        "reopen_task" => "reopen 2",
        "delete_task" => "delete 2",
        "snooze_reminder" => "snooze 1 for 10 minutes",
        "update_task" => "move 2 to friday",
        _ => "remind me about 2 at 4pm",
    };

    /// <summary>"2", "#2", "number 2", "the second one", "1 and 3", "1, 2", or title words.</summary>
    public static IReadOnlyList<TaskTarget> Targets(string reference)
    {
        var text = Clean(reference);
        var parts = NumberListSplit().Split(text).Select(p => NumberWord(p.Trim())).ToList();
        if (parts.Count > 0 && parts.All(p => p is not null))
        {
            return parts.Select(p => new TaskTarget(p, null)).ToList();
        }

        return text.Length == 0 ? [] : [new TaskTarget(null, text)];
    }

    private static int? NumberWord(string word)
    {
        word = NumberPrefix().Replace(word, "").Trim();
        if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        var ordinal = Array.IndexOf(Ordinals, word.Replace(" one", "").Trim());
        return ordinal >= 0 ? ordinal + 1 : null;
    }

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    private static string Clean(string reference)
    {
        var text = reference.Trim().Trim('"', '\'', '“', '”').Trim();
        text = ArticlePattern().Replace(text, "");
        text = TaskSuffixPattern().Replace(text, "");
        return text.Trim().Trim('"', '\'', '“', '”').Trim();
    }

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

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "what", "what's", "whats", "which", "is", "are", "was", "due", "on", "my", "the", "list", "lists", "tasks", "task",
        "todo", "todos", "to-do", "to-dos", "show", "me", "display", "give", "see", "view", "any", "anything", "do", "i",
        "have", "left", "there", "items", "things", "for", "with", "priority", "tagged", "tag", "can", "you", "get", "of",
        "in", "open", "pending", "stuff", "all", "how", "many", "tell", "up", "coming", "need", "to", "a", "and", "or",
        "everything", "else", "else?", "it", "that", "list?", "now", "current", "remaining", "still", "undone", "at",
        "else", "look", "like", "does", "plate", "agenda", "let's", "lets", "please", "by", "sorted", "order", "ordered",
    };

    private static readonly Regex[] ReopenPatterns =
    [
        new(@"^(?:mark|set)\s+(?<ref>.+?)\s+(?:as\s+)?(?:not done|undone|open|incomplete|not finished|not complete)$"),
        new(@"^(?:reopen|re-open|uncomplete|unmark|undo|restore)\s+(?<ref>.+)$"),
        new(@"^(?<ref>.+?)\s+(?:is\s+|isn't\s+|was\s+)?(?:not done|not finished|isn't done|wasn't done)(?: yet| after all)?$"),
    ];

    private static readonly Regex[] CompletePatterns =
    [
        new(@"^(?:mark|set)\s+(?<ref>.+?)\s+(?:as\s+)?(?:done|complete|completed|finished)$"),
        new(@"^(?:done|finished|completed|complete|finish|check off|tick off|cross off|check|tick)\s+(?:with\s+)?(?<ref>.+)$"),
        new(@"^i(?:\s+have|'ve)?\s+(?:did|done|finished|completed)\s+(?<ref>.+)$"),
        new(@"^(?<ref>.+?)\s+(?:is\s+|are\s+)?(?:done|finished|completed)$"),
    ];

    [GeneratedRegex(@"^(?:help|\?|what can you do\??|how does (?:this|it) work\??|commands|examples|hi|hello|hey|menu)$")]
    private static partial Regex HelpPattern();

    [GeneratedRegex(@"^(?:remove|clear|delete|cancel|turn off|stop)\s+(?:the\s+)?reminders?\s+(?:from|for|of|on)\s+(?<ref>.+)$")]
    private static partial Regex ClearReminderPattern();

    [GeneratedRegex(@"^(?:remind me (?:about|of)|set (?:a |the )?reminder (?:for|on))\s+(?<ref>.+?)\s+(?<when>(?:at|on|in|by|tomorrow|today|tonight|next|this|\d).*)$")]
    private static partial Regex SetReminderPattern();

    [GeneratedRegex(@"^(?<n>\d+)\s*(?<unit>minutes?|mins?|m|hours?|hrs?|h|days?|d)\s+before$")]
    private static partial Regex BeforePattern();

    [GeneratedRegex(@"^snooze\s+(?<rest>.+)$")]
    private static partial Regex SnoozePattern();

    [GeneratedRegex(@"^(?<ref>.+?)\s+(?<dur>\d+\s*[a-z]+|half an hour|an hour|a hour)$")]
    private static partial Regex TrailingDurationPattern();

    [GeneratedRegex(@"^(?:delete|remove|drop|trash|erase|get rid of|cancel|scrap)\s+(?<ref>.+?)(?:\s+from\s+(?:my|the)\s+(?:to-?do\s+)?list)?$")]
    private static partial Regex DeletePattern();

    [GeneratedRegex(@"^(?:move|reschedule|postpone|push back|push|shift|change|put off|defer)\s+(?<rest>.+)$")]
    private static partial Regex MovePattern();

    [GeneratedRegex(@"\s(?=(?:to|until|till|til|for|on|after)\s)")]
    private static partial Regex SplitPattern();

    [GeneratedRegex(@"^(?:find|search(?:\s+for)?|look\s+for|look\s+up|where(?:'s|\s+is))\s+(?<q>.+?)\??$")]
    private static partial Regex FindPattern();

    [GeneratedRegex(@"\s(?:overdue|late|past due|missed|behind)\s")]
    private static partial Regex OverduePattern();

    [GeneratedRegex(@"\s(?:today|tonight|this evening)\??\s")]
    private static partial Regex TodayPattern();

    [GeneratedRegex(@"\s(?:this week|the week|next 7 days|next seven days|the coming days|upcoming|week)\??\s")]
    private static partial Regex WeekPattern();

    [GeneratedRegex(@"\s(?:no due date|without (?:a )?(?:due )?date|undated|no date|someday)\??\s")]
    private static partial Regex NoDuePattern();

    [GeneratedRegex(@"\s(?:completed|done|finished)\??\s")]
    private static partial Regex CompletedPattern();

    [GeneratedRegex(@"\s(?:all(?: my)? tasks|everything|including (?:done|completed)|all)\??\s")]
    private static partial Regex AllPattern();

    [GeneratedRegex(@"\s(?:high[- ]priority|!high|!!!|urgent|important|top priority|priority high)\??\s")]
    private static partial Regex HighPattern();

    [GeneratedRegex(@"\s(?:medium[- ]priority|!medium|priority medium)\??\s")]
    private static partial Regex MediumPattern();

    [GeneratedRegex(@"\s(?:low[- ]priority|!low|priority low)\??\s")]
    private static partial Regex LowPattern();

    [GeneratedRegex(@"#(?<tag>[\p{L}\p{N}_.\-]+)")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s(?:by priority|most important first)\??\s")]
    private static partial Regex ByPriorityPattern();

    [GeneratedRegex(@"\s(?:by (?:title|name)|alphabetically|a-z)\??\s")]
    private static partial Regex ByTitlePattern();

    [GeneratedRegex(@"\s(?:newest(?: first)?|latest|most recent|recently added)\??\s")]
    private static partial Regex NewestPattern();

    [GeneratedRegex(@"\s(?:about|matching|containing|called|named|mentioning)\s+(?<q>.+?)\??\s*$")]
    private static partial Regex AboutPattern();

    [GeneratedRegex(@"^(?:what|what's|whats|which|show|list|display|any|do i have|give me|see|view|how many|anything|is there|are there)\b")]
    private static partial Regex QuestionPattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:add|create|new|todo|to-do|put|note|jot down)\b(?:\s+(?:a|an)\b)?(?:\s+(?:task|todo|to-do|item|reminder)\b)?(?:\s*:)?\s*(?:to\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex AddPrefixPattern();

    [GeneratedRegex(@"\s+(?:to|on|onto)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?list\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListSuffixPattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:i need to|i have to|i must|i should|i gotta|i've got to|don't forget to|dont forget to|don't let me forget to|remember to|need to|have to)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex IntentPrefixPattern();

    [GeneratedRegex(@"\s*(?:,|\band\b|&)\s*")]
    private static partial Regex NumberListSplit();

    [GeneratedRegex(@"^(?:task|number|no\.?|item|#)\s*")]
    private static partial Regex NumberPrefix();

    [GeneratedRegex(@"^(?:the|my|a|an)\s+(?:task\s+)?")]
    private static partial Regex ArticlePattern();

    [GeneratedRegex(@"\s+(?:task|one|item)$")]
    private static partial Regex TaskSuffixPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"^(?:please|ok|okay|hey|can you|could you|would you)[, ]+|[, ]+please$")]
    private static partial Regex PolitePattern();
}
