using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Todo.Contracts;
using Todo.Contracts.Tasks;

namespace Todo.Language.Chat;

// Adding tasks: the quick-add parse of the message and the tidy title left over.
internal static partial class ChatInterpreter
{
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

        if (explicitAdd && SeveralPattern().Match(text) is { Success: true } several)
        {
            var items = Regex.Split(several.Groups["items"].Value, @"\s*,\s*(?:and\s+)?|\s+and\s+").Where(i => i.Trim().Length > 0).ToList();
            if (items.Count > 1)
            {
                var tasks = new JsonArray();
                foreach (var item in items)
                {
                    if (TryAdd("add " + item, "add " + item.ToLowerInvariant(), now, zone) is ToolIntent { Tool: "add_task" } one)
                    {
                        tasks.Add(one.Arguments.DeepClone());
                    }
                }

                return new ToolIntent("add_tasks", new JsonObject { ["tasks"] = tasks });
            }
        }

        text = Rephrase(text);
        var parsed = QuickAddParser.Parse(text, now, zone);
        // The whole text, not just the title: the parser itself forgives some misspellings ("tomorow"), and a date the
        // user did not quite write must be asked back, not guessed.
        if (DateTypos.Find(text) is { } typo)
        {
            return new ReplyIntent($"I couldn't read \"{typo.Typo}\" as a date (did you mean \"{typo.Meant}\"?), so I didn't add anything. " +
                "Try again, e.g. \"call mom tomorrow at 5pm\".");
        }

        var recognised = parsed.Due is not null || parsed.Recurrence is not null || parsed.Priority != Priority.None || parsed.Tags.Count > 0 || parsed.Reminder is not null;
        // "buy dog food" typed into a todo chat is a task, though it names no date: an errand verb and a few words.
        var errand = !explicitAdd && !recognised && !IsQuestion(s) && ErrandPattern().IsMatch(s);
        if (!explicitAdd && !errand && (!recognised || s.EndsWith('?')))
        {
            return null;
        }

        if (!explicitAdd && ChangeNotAddPattern().IsMatch(s))
        {
            // "make pay rent due on the 1st of next month" was meant for an existing task: never a new one with a
            // mangled title.
            return new ReplyIntent("I couldn't tell which task to change or how, so I didn't change anything. Try e.g. \"move pay rent to friday\", " +
                "\"make pay rent high priority\" or \"rename pay rent to pay the rent\".");
        }

        var arguments = new JsonObject { ["title"] = TidyTitle(parsed.Title, parsed.Due is not null || parsed.Priority != Priority.None || parsed.Spans.Count > 0) };
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
            var anchor = due is null ? (DateTimeOffset?)null : ZonedTime.ToUtc(due.Date, due.Time ?? ReminderRules.DateOnlyAnchor, zone);
            var before = anchor - reminder;
            if (before is { } gap && gap >= TimeSpan.Zero && gap.TotalMinutes <= ReminderRules.MaxMinutesBefore && gap.Seconds == 0)
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
            arguments["recurrence"] = JsonSerializer.SerializeToNode(RecurrenceMapper.ToDto(recurrence), TodoJson.Options);
        }

        return new ToolIntent("add_task", arguments, parsed.Warnings.Count > 0 ? "Note: " + string.Join("; ", parsed.Warnings) + "." : null);
    }

    /// <summary>
    /// Everyday phrasings quick add does not read, said in quick add's words: end-of-day phrases are today,
    /// "urgent:" and "it's urgent" are !high, "schedule a haircut for friday" is the haircut.
    /// </summary>
    private static string Rephrase(string text)
    {
        var t = text;
        t = Regex.Replace(t, @"\b(?:by|before|at|until|till)?\s*(?:the\s+)?(?:end of (?:the )?(?:work\s*)?day|eod|e\.o\.d\.?|close of business|cob|end of business|eob)\b(?:\s+tomorrow)?", m =>
            m.Value.EndsWith("tomorrow", StringComparison.OrdinalIgnoreCase) ? " tomorrow " : " today ", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"\btomorrow\s+(?:by|before)\s+(?:the\s+)?(?:end of (?:the )?day|eod)\b", " tomorrow ", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"^(?:urgent|important|asap|high priority)\s*[:!-]\s*", "!high ", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"^(?:low priority)\s*[:!-]\s*", "!low ", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"^(?:medium priority)\s*[:!-]\s*", "!medium ", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"^(?:an?\s+)?(high|low|medium)[- ]priority\s+(?:task|item|todo|to-do)\s*:?\s*", "!$1 ", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"\b(p[1-4])\s*:", "$1 ", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @",?\s*(?:it'?s|this is|that'?s)\s+(?:very\s+|really\s+|super\s+)?(urgent|important)\s*[.!]*$", " !high", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"\s+with\s+(priority\s+[1-4]|p[1-4])\b", " $1", RegexOptions.IgnoreCase);
        // "read Dune with the tag books", "tagged work and urgent": quick add's #tags said in words.
        t = Regex.Replace(t, @"[\s,]+(?:with\s+(?:the\s+|a\s+)?(?:tags?|labels?)|tagged(?:\s+(?:as|with))?|label(?:l?ed)?(?:\s+as)?)\s+(?<a>[\p{L}\p{N}_\-]+)(?:\s*(?:,|and|&)\s*(?<b>[\p{L}\p{N}_\-]+))?\s*$",
            m => " #" + m.Groups["a"].Value + (m.Groups["b"].Success ? " #" + m.Groups["b"].Value : ""), RegexOptions.IgnoreCase);
        // "put wash the car on saturday": an errand after "put" is the task ("put the laundry in the dryer" stays whole).
        t = Regex.Replace(t, @"^put\s+(?=" + ErrandVerbs + @"\s.+\s(?:on|for|at|by|tomorrow|today|tonight|next)\b)", "", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"^(?:schedule)\s+(?:a\s+|an\s+|the\s+|my\s+)?(?=.+\s(?:for|on|at|next|tomorrow|today)\b)", "", RegexOptions.IgnoreCase);
        return t.Trim();
    }

    /// <summary>Quotes around the whole title off; a preposition or comma left dangling by a recognised date off.</summary>
    private static string TidyTitle(string title, bool recognised)
    {
        var t = Unquote(title.Trim().TrimEnd('?', '!'));
        if (recognised)
        {
            for (var i = 0; i < 3; i++)
            {
                t = Regex.Replace(t, @"(?:[\s,;:\-–]+(?:for|at|by|until|till|before|due|with|from|starting|,))+\s*$|[\s,;:\-–?!.]+$", "", RegexOptions.IgnoreCase).Trim();
            }
        }

        return Unquote(t).Length > 0 ? Unquote(t) : title;
    }

    private const string ErrandVerbs =
        "(?:buy|call|ring|phone|email|e-mail|text|pick up|get|book|pay|clean|wash|fix|repair|send|write|read|water|take|order|return|renew|prepare|plan|" +
        "visit|bake|cook|feed|walk|mow|vacuum|hoover|study|practice|practise|submit|print|post|mail|file|organize|organise|pack|charge|collect|drop off|" +
        "grab|sign up for|register|apply for|update|backup|back up|replace|install|iron|sweep|tidy|empty)";

    /// <summary>An errand verb and up to eight words, none of them a verb of state ("buy milk is needed" is not a task).</summary>
    [GeneratedRegex(@"^" + ErrandVerbs + @"\s+(?!.*\b(?:is|are|was|were|isn't|aren't|has|have|been)\b)[\p{L}\p{N}'\-]+(?:\s+[\p{L}\p{N}'\-]+){0,7}$")]
    private static partial Regex ErrandPattern();

    [GeneratedRegex(@"\s+(?:to|on|onto)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?list\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListSuffixPattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:i (?:really |probably |definitely |still |also |just )?(?:need to|have to|must|should|gotta|ought to)(?: really| probably| definitely| actually)?|i gotta|gotta|(?:a )?reminder to|i've got to|i got to|(?:don'?t|do not)(?: let me)? forget to|remember to|need to|have to|must)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex IntentPrefixPattern();

    [GeneratedRegex(@"^(?:\d+|a few|some|these|the following|several|two|three|four|five)\s+(?:tasks|things|items|todos|to-dos)\s*:\s*(?<items>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SeveralPattern();
}
