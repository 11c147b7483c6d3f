using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// Questions about the list: which filters ("overdue", "p1 #work", "on saturday") and which period of days.
internal static partial class ChatInterpreter
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "what", "what's", "whats", "which", "is", "are", "was", "due", "on", "my", "the", "list", "lists", "tasks", "task",
        "todo", "todos", "to-do", "to-dos", "show", "me", "display", "give", "see", "view", "any", "anything", "do", "i",
        "have", "left", "there", "items", "things", "for", "with", "priority", "tagged", "tag", "can", "you", "get", "of",
        "in", "open", "pending", "stuff", "all", "how", "many", "tell", "up", "coming", "need", "to", "a", "and", "or",
        "everything", "else", "else?", "it", "that", "list?", "now", "current", "remaining", "still", "undone", "at",
        "else", "look", "like", "does", "plate", "agenda", "let's", "lets", "please", "by", "sorted", "order", "ordered",
        "happening", "plans", "plan", "planned", "next", "later", "about", "focus", "should", "first", "upcoming", "am", "so", "far", "did", "got", "labelled", "labeled", "label", "labels",
        "things", "tags", "under", "from", "when", "i'm", "im", "i've", "really", "currently", "scheduled", "that's", "thats", "ones", "which", "should", "work?", "due?", "we", "got", "coming?", "up?",
    };

    private static ChatIntent? TryList(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (AddPrefixPattern().Match(s) is { Success: true, Length: > 0 } && !s.StartsWith("note", StringComparison.Ordinal))
        {
            return null;
        }

        if (FindPattern().Match(s) is { Success: true } find)
        {
            var q = Clean(find.Groups["q"].Value);
            return q.Length == 0 ? null : new ToolIntent("list_tasks", new JsonObject { ["query"] = q, ["status"] = "all" }, $"Tasks matching \"{q}\"");
        }

        var arguments = new JsonObject();
        var headings = new List<string>();
        var rest = " " + s.Replace('?', ' ').Replace(',', ' ') + " ";
        var question = QuestionPattern().IsMatch(s) || s.EndsWith('?') || LooseQuestionPattern().IsMatch(s);

        // Finished work: "what did I finish this week", "show completed", "what have I done so far".
        var completed = CompletedQuestionPattern().IsMatch(rest);
        if (completed)
        {
            rest = CompletedQuestionPattern().Replace(rest, " ");
            arguments["status"] = "completed";
            headings.Add("completed");
        }

        Period? period = null;
        if (PeriodOf(ref rest, now, zone, completed) is { } found)
        {
            period = found.Period;
            headings.Add(found.Heading);
        }

        rest = Take(rest, OverduePattern(), () => { arguments["due"] = "overdue"; headings.Add("overdue"); });
        if (period is null)
        {
            rest = Take(rest, TodayPattern(), () => { arguments["due"] = "today"; headings.Add("due today"); });
            rest = Take(rest, WeekPattern(), () => { arguments["due"] = "week"; headings.Add("due this week"); });
        }

        rest = Take(rest, NoDuePattern(), () => { arguments["due"] = "none"; headings.Add("without a due date"); });
        if (!completed)
        {
            rest = Take(rest, CompletedPattern(), () => { arguments["status"] = "completed"; headings.Add("completed"); });
        }

        rest = Take(rest, AllPattern(), () => { arguments.TryAdd("status", "all"); });
        rest = Take(rest, EverythingPattern(), () =>
        {
            if (WholeListPattern().IsMatch(s))
            {
                arguments.TryAdd("status", "all");
            }
        });
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

        var leftover = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Filler.Contains(w.Trim('?', '!', '.', ','))).ToList();
        string? words = null;
        if (leftover.Count > 0)
        {
            // "show dentist": the words that are not filters are what to look for (or a tag the user has).
            if (!question || leftover.Any(w => w.Any(char.IsDigit)) || arguments.ContainsKey("query"))
            {
                return null;
            }

            words = string.Join(' ', leftover).Trim('?', '!', '.', ',');
        }
        else if (arguments.Count == 0 && period is null && !question)
        {
            return null;
        }

        var heading = headings.Count == 0 ? "Your open tasks" : "Tasks " + string.Join(", ", headings);
        return new ToolIntent("list_tasks", arguments, heading, period, words);
    }

    /// <summary>
    /// A day or period in everyday words ("tomorrow", "on saturday", "next week", "this weekend", "this month",
    /// "march 14", "before friday", "the next 2 weeks"); for finished work, periods in the past ("yesterday",
    /// "last week", "on monday").
    /// </summary>
    private static (Period Period, string Heading)? PeriodOf(ref string rest, DateTimeOffset now, TimeZoneInfo zone, bool past)
    {
        var today = ZonedTime.Today(now, zone);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        (Period, string)? result = null;
        string? taken = null;
        foreach (var (pattern, make) in PeriodRules(today, monday, past))
        {
            if (pattern.Match(rest) is { Success: true } m && make(m) is { } p)
            {
                result = p;
                taken = m.Value;
                break;
            }
        }

        if (result is null && DayPhrasePattern().Match(rest) is { Success: true } day
            && DateTimePhraseParser.TryParse(Regex.Replace(day.Groups["d"].Value.Trim(), @"^(?:(?:for|on|due)\s+)+", ""), past ? now.AddDays(-7) : now, zone, out var parsed))
        {
            var date = parsed.Instant is { } i ? DateOnly.FromDateTime(ZonedTime.ToLocal(i, zone)) : parsed.Date;
            if (past && date > today)
            {
                date = date.AddDays(-7);
            }

            var label = date.ToString("ddd MMM d", CultureInfo.InvariantCulture);
            result = day.Groups["rel"].Value switch
            {
                "before" => (new Period(null, date.AddDays(-1), past), "due before " + label),
                "by" or "until" or "till" => (new Period(null, date, past), "due by " + label),
                "after" => (new Period(date.AddDays(1), null, past), "due after " + label),
                _ => (new Period(date, date, past), "on " + label),
            };
            taken = day.Value;
        }

        if (result is { } r)
        {
            rest = rest.Replace(taken!, " ", StringComparison.Ordinal);
            return r.Item1.ByCompletion == past ? r : (r.Item1 with { ByCompletion = past }, r.Item2);
        }

        return null;
    }

    private static IEnumerable<(Regex, Func<Match, (Period, string)?>)> PeriodRules(DateOnly today, DateOnly monday, bool past)
    {
        if (past)
        {
            yield return (new(@"\s(?:so far|ever|all time)\s"), _ => (new Period(null, null, true), "so far"));
            yield return (new(@"\s(?:today)\s"), _ => (new Period(today, today, true), "today"));
            yield return (new(@"\s(?:yesterday)\s"), _ => (new Period(today.AddDays(-1), today.AddDays(-1), true), "yesterday"));
            yield return (new(@"\s(?:this week|the week)\s"), _ => (new Period(monday, today, true), "this week"));
            yield return (new(@"\s(?:last week|the week before|previous week)\s"), _ => (new Period(monday.AddDays(-7), monday.AddDays(-1), true), "last week"));
            yield return (new(@"\s(?:this month)\s"), _ => (new Period(new DateOnly(today.Year, today.Month, 1), today, true), "this month"));
            yield return (new(@"\s(?:last month|previous month)\s"), _ =>
            {
                var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
                return (new Period(first, first.AddMonths(1).AddDays(-1), true), "last month");
            });
            yield return (new(@"\s(?:in the last|in the past|over the last|over the past)\s+(?<n>\d+|seven|two|three)\s+days\s"), m =>
            {
                var n = Number(m.Groups["n"].Value);
                return (new Period(today.AddDays(1 - n), today, true), $"in the last {n} days");
            });
            yield break;
        }

        yield return (new(@"\s(?:for\s+|on\s+)?(?:the\s+)?day after tomorrow\s"), _ => (new Period(today.AddDays(2), today.AddDays(2)), "due the day after tomorrow"));
        yield return (new(@"\s(?:for\s+|on\s+)?tomorrow\s"), _ => (new Period(today.AddDays(1), today.AddDays(1)), "due tomorrow"));
        yield return (new(@"\s(?:in\s+|for\s+|over\s+|during\s+)?(?:the\s+)?(?:next|coming)\s+(?<n>\d+|seven|two|three|fourteen)\s+(?<unit>days|weeks)\s"), m =>
        {
            var n = Number(m.Groups["n"].Value) * (m.Groups["unit"].Value == "weeks" ? 7 : 1);
            return (new Period(today, today.AddDays(n - 1)), $"due in the next {n} days");
        });
        yield return (new(@"\s(?:for\s+|in\s+|during\s+)?next week\s"), _ => (new Period(monday.AddDays(7), monday.AddDays(13)), "due next week"));
        yield return (new(@"\s(?:on\s+|for\s+|over\s+)?(?:this|the|this coming)\s+weekend\s|\sweekend\s"), _ =>
        {
            var saturday = today.DayOfWeek == DayOfWeek.Sunday ? today : today.AddDays(((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7);
            return (new Period(saturday > today ? saturday : today, today.DayOfWeek == DayOfWeek.Sunday ? today : saturday.AddDays(1)), "due this weekend");
        });
        yield return (new(@"\s(?:next weekend)\s"), _ =>
        {
            var saturday = monday.AddDays(12);
            return (new Period(saturday, saturday.AddDays(1)), "due next weekend");
        });
        yield return (new(@"\s(?:for\s+|in\s+)?this month\s"), _ => (new Period(new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1)), "due this month"));
        yield return (new(@"\s(?:for\s+|in\s+)?next month\s"), _ =>
        {
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            return (new Period(first, first.AddMonths(1).AddDays(-1)), "due next month");
        });
    }

    private static int Number(string word) => word switch
    {
        "two" => 2,
        "three" => 3,
        "seven" => 7,
        "fourteen" => 14,
        _ => int.Parse(word, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?:find|search(?:\s+for)?|look\s+for|look\s+up|where(?:'s|\s+is))\s+(?<q>.+?)\??$")]
    private static partial Regex FindPattern();

    [GeneratedRegex(@"\s(?:overdue|late|late on|past due|missed|behind|behind on)\s")]
    private static partial Regex OverduePattern();

    [GeneratedRegex(@"\s(?:today|tonight|this evening)\??\s")]
    private static partial Regex TodayPattern();

    [GeneratedRegex(@"\s(?:this week|the week|next 7 days|next seven days|the coming days|upcoming|week|soon|coming up)\??\s")]
    private static partial Regex WeekPattern();

    [GeneratedRegex(@"\s(?:no due date|without (?:a )?(?:due )?(?:date|deadline)|undated|no date|no deadline|someday|(?:don't|do not|doesn't|does not) have (?:a |any )?(?:due )?(?:date|deadline)|(?:with|have|has) no (?:due )?(?:date|deadline))\??\s")]
    private static partial Regex NoDuePattern();

    [GeneratedRegex(@"\s(?:completed|done|finished)\??\s")]
    private static partial Regex CompletedPattern();

    [GeneratedRegex(@"\s(?:what|which)?\s*(?:tasks\s+|things\s+)?(?:did|have|has)\s+i\s+(?:already\s+)?(?:get\s+done|got\s+done|finish(?:ed)?|complete[d]?|do|done|tick(?:ed)?\s+off|check(?:ed)?\s+off|cross(?:ed)?\s+off|accomplish(?:ed)?)\s|\s(?:i've|i have)\s+(?:finished|completed|done|ticked off)\s|\s(?:completed|finished|done)\s+(?=(?:[\p{L}#]+\s+)?(?:tasks|items|things|todos|stuff)\s)|\s(?:what's|what is|what has been)\s+(?:done|finished|completed)\s")]
    private static partial Regex CompletedQuestionPattern();

    [GeneratedRegex(@"^(?:anything|any|something)\b|\?$|^(?:what|whats|what's|when)\b")]
    private static partial Regex LooseQuestionPattern();

    [GeneratedRegex(@"\s(?:(?<rel>before|by|until|till|after)\s+)?(?<d>(?:(?:for|on|due|this|next|coming)\s+)*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+\d{1,2}(?:st|nd|rd|th)?|the\s+\d{1,2}(?:st|nd|rd|th)|\d{4}-\d{2}-\d{2}))\s")]
    private static partial Regex DayPhrasePattern();

    [GeneratedRegex(@"\s(?:including (?:the )?(?:done|completed|finished)(?: ones)?|(?:done|completed|finished) (?:ones )?(?:too|as well)|even (?:the )?(?:done|completed|finished)(?: ones)?)\??\s")]
    private static partial Regex AllPattern();

    // "everything tagged bills", "all my tasks": the open tasks, as a list of what to do means (done ones only when asked).
    [GeneratedRegex(@"\s(?:all(?: my)? tasks|everything|all)\??\s")]
    private static partial Regex EverythingPattern();

    // "show everything" on its own: the whole list, done tasks included.
    [GeneratedRegex(@"^(?:show|list|display|give|see|view)?\s*(?:me\s+)?(?:all(?: my)?(?: tasks| todos| items)?|everything)(?: on my list| i have)?\??$")]
    private static partial Regex WholeListPattern();

    [GeneratedRegex(@"\s(?:high[- ]priority|!high|!!!|urgent|important|top priority|priority high|p1|priority 1)\??\s")]
    private static partial Regex HighPattern();

    [GeneratedRegex(@"\s(?:medium[- ]priority|!medium|priority medium|p2|priority 2)\??\s")]
    private static partial Regex MediumPattern();

    [GeneratedRegex(@"\s(?:low[- ]priority|!low|priority low|p3|priority 3)\??\s")]
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
}
