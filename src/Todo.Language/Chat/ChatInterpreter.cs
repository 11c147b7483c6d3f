using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Todo.Contracts;
using Todo.Contracts.Tasks;

namespace Todo.Language.Chat;

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
        "• \"remind me to call mom tomorrow at 5pm\" or \"pay rent every month on the 1st at 9am p1 #bills\"\n" +
        "• \"what's due today?\", \"what's on saturday?\", \"show overdue\", \"p1 #work\", \"what did I finish this week?\", \"find dentist\"\n" +
        "• \"done 2\", \"reopen 2\", \"delete 3\" (numbers from the last list), \"done with dentist\" or \"I paid the rent\"\n" +
        "• \"move 2 to friday\", \"make pay rent p1\", \"tag 2 with work\", \"rename 2 to call Dr. Lee\", \"add a note to 2: ask about the bill\"\n" +
        "• \"snooze 1 for 10 minutes\", \"dentist reminder at 4pm\", \"complete all overdue\" (I ask first), \"undo\"";

    public static ChatIntent Interpret(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var original = Tidy(text);
        var s = Normalise(original);
        if (s.Length == 0 || HelpPattern().IsMatch(s))
        {
            return new ReplyIntent(s is "hi" or "hello" or "hey" ? "Hi! " + Help : Help);
        }

        if (TryConfirmOrUndo(s) is { } answer)
        {
            return answer;
        }

        if (ThanksPattern().IsMatch(s))
        {
            return new ReplyIntent("You're welcome!");
        }

        if (TryImpossibleDate(s, now, zone) is { } impossible)
        {
            return impossible;
        }

        var joined = JoinClauses(s);
        if (joined != s)
        {
            s = joined;
            original = joined;
        }

        if (ThenPattern().Match(original) is { Success: true } then)
        {
            var first = Interpret(then.Groups["a"].Value, now, zone);
            var second = Interpret(then.Groups["b"].Value, now, zone);
            if (first is ToolIntent { Tool: "add_task" } or TaskActionIntent && second is TaskActionIntent { Targets: [{ Kind: TargetKind.Focus }] })
            {
                return new SequenceIntent(first, second);
            }
        }

        // Commands read without a closing question mark ("can you make the bike p1?"); lists keep it.
        var c = s.TrimEnd('?', ' ');
        var o = original.TrimEnd('?', ' ');
        var intent = Command(s, original, c, o, now, zone);
        if (intent is TaskActionIntent { Tool: "update_task" or "set_reminder", Targets: [{ Kind: TargetKind.Plain, Title: not null }] } change
            && !ChangeNotAddPattern().IsMatch(c) && TryAdd(original, s, now, zone) is ToolIntent { Tool: "add_task" } add)
        {
            return change with { Fallback = add };
        }

        return intent;
    }

    private static ChatIntent Command(string s, string original, string c, string o, DateTimeOffset now, TimeZoneInfo zone) =>
        TryBulk(c, now, zone)
            ?? TrySnooze(c, now, zone)
            ?? TryReminder(c, now, zone)
            ?? TryNotes(o, c)
            ?? TryRename(o, c)
            ?? TryTags(c)
            ?? TryPriority(c)
            ?? TryRepeat(c, now, zone)
            ?? TryDueChange(c, now, zone)
            ?? TryReopen(s)
            ?? TryComplete(s)
            ?? TryPastTense(s)
            ?? TryDelete(s)
            ?? TryMove(original, s, now, zone)
            ?? TryList(s, now, zone)
            ?? TryAdd(original, s, now, zone)
            ?? new ReplyIntent("Sorry, I didn't understand that. " + Help);

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
        var clear = ClearReminderPattern().Match(s);
        if (!clear.Success)
        {
            clear = ClearNamedReminderPattern().Match(s);
        }

        if (clear.Success)
        {
            return Action("set_reminder", clear.Groups["ref"].Value, new JsonObject { ["clear"] = true });
        }

        var set = SetReminderPattern().Match(s);
        if (!set.Success)
        {
            set = NamedReminderPattern().Match(s);
        }

        if (!set.Success)
        {
            return null;
        }

        var when = Regex.Replace(set.Groups["when"].Value, @"^for\s+", "");
        if (BeforePattern().Match(when) is { Success: true } before)
        {
            var n = before.Groups["n"].Value is "an" or "a" or "one" ? 1 : int.Parse(before.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = before.Groups["unit"].Value;
            var minutes = n * (unit.StartsWith('h') ? 60 : unit.StartsWith('d') ? 1440 : 1);
            return Action("set_reminder", set.Groups["ref"].Value, new JsonObject { ["minutesBefore"] = minutes });
        }

        if (!TryWhen(when, now, zone, out var parsed))
        {
            return NotADate(when, "remind me about 2 at 4pm");
        }

        if (TimeOnlyPattern().IsMatch(when.Trim()) && parsed.Time is { } timeOfDay && parsed.Instant is null)
        {
            // "dentist reminder at 3pm": on the day of the reminder or of the task, resolved against the task.
            return Action("set_reminder", set.Groups["ref"].Value, new JsonObject
            {
                ["$atTime"] = timeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["at"] = Iso(ZonedTime.ToUtc(parsed.Date, timeOfDay, zone)),
            });
        }

        var instant = parsed.Instant ?? ZonedTime.ToUtc(parsed.Date, parsed.Time ?? ReminderRules.DateOnlyAnchor, zone);
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

                    minutes = (int)Math.Round((when.ToUtc(zone, ReminderRules.DateOnlyAnchor) - now).TotalMinutes);
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
        if (s is "done" or "finished" or "complete" or "completed" or "did it" or "it's done" or "that's done")
        {
            return new TaskActionIntent("complete_task", [new TaskTarget(null, null, TargetKind.Focus)], []);
        }

        return !IsQuestion(s) && FirstMatch(s, CompletePatterns) is { } reference ? Action("complete_task", reference, []) : null;
    }

    private static ChatIntent? TryDelete(string s) =>
        DeletePattern().Match(s) is { Success: true } match ? Action("delete_task", match.Groups["ref"].Value, []) : null;

    private static ChatIntent? TryMove(string original, string s, DateTimeOffset now, TimeZoneInfo zone)
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
                return Action("update_task", reference, DueArguments(parsed, zone));
            }
        }

        // "change haircut to haircut and beard trim": not a date, so a new title.
        if (match.Groups["verb"].Value == "change" && rest.LastIndexOf(" to ", StringComparison.Ordinal) is > 0 and var to
            && DateTypos.Find(rest[(to + 4)..]) is null)
        {
            var offset = match.Groups["rest"].Index + to + 4;
            var title = Unquote(original.Length == s.Length ? original[offset..] : rest[(to + 4)..]);
            return Action("update_task", rest[..to], new JsonObject { ["title"] = title });
        }

        return firstWhen is null ? null : NotADate(firstWhen, "move 2 to friday");
    }

    // ---- questions about the list ----

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
        if (!explicitAdd && (!recognised || s.EndsWith('?')))
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
            arguments["recurrence"] = JsonSerializer.SerializeToNode(ToDto(recurrence), TodoJson.Options);
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
            var local = ZonedTime.ToLocal(instant, zone);
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
        text = CalledPattern().Replace(text, "");
        switch (text)
        {
            case "it" or "that" or "this" or "that one" or "this one" or "that task" or "this task" or "the same one" or "same" or "that item" or "one" or "":
                if (reference.Trim().Length > 0)
                {
                    return [new TaskTarget(null, null, TargetKind.Focus)];
                }

                break;
            case "last" or "last one" or "the last one" or "bottom one":
                return [new TaskTarget(null, null, TargetKind.LastOfList)];
            case "both" or "them" or "all of them" or "both of them" or "these" or "those" or "all those" or "all these" or "these ones" or "those ones" or "they":
                return [new TaskTarget(null, null, TargetKind.AllListed)];
        }

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

        word = word.Replace(" one", "").Replace(" task", "").Trim();
        if (Regex.Match(word, @"^(?<n>\d+)(?:st|nd|rd|th)$") is { Success: true } numbered && int.Parse(numbered.Groups["n"].Value, CultureInfo.InvariantCulture) is > 0 and var k)
        {
            return k;
        }

        var ordinal = Array.IndexOf(Ordinals, word);
        return ordinal >= 0 ? ordinal + 1 : null;
    }

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    private static string Clean(string reference)
    {
        var text = reference.Trim().Trim('"', '\'', '“', '”').Trim();
        text = text.EndsWith("'s", StringComparison.Ordinal) ? text[..^2] : text;
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
        "happening", "plans", "plan", "planned", "next", "later", "about", "focus", "should", "first", "upcoming", "am", "so", "far", "did", "got", "labelled", "labeled", "label", "labels",
        "things", "tags", "under", "from", "when", "scheduled", "should", "work?", "due?", "we", "got", "coming?", "up?",
    };

    private static readonly Regex[] ReopenPatterns =
    [
        new(@"^(?:mark|set)\s+(?<ref>.+?)\s+(?:as\s+)?(?:not done|undone|open|incomplete|not finished|not complete)$"),
        new(@"^(?:reopen|re-open|uncomplete|unmark|uncheck|untick|undo|restore|bring back)\s+(?:completing\s+|finishing\s+)?(?<ref>.+)$"),
        new(@"^(?:put|bring)\s+(?<ref>.+?)\s+back(?:\s+on (?:my|the) list)?$"),
        new(@"^i\s+(?:didn't|did not|haven't|have not|never)(?:\s+actually|\s+really)?\s+(?:finish|finished|do|done|complete|completed)\s+(?<ref>.+?)(?:\s+yet|\s+after all)?$"),
        new(@"^(?<ref>.+?)\s+(?:is\s+|isn't\s+|was\s+|are\s+)?(?:not done|not finished|isn't done|isn't finished|wasn't done|aren't done|not complete|isn't complete)(?: yet| after all)?$"),
    ];

    private static readonly Regex[] CompletePatterns =
    [
        new(@"^(?:mark|set)\s+(?<ref>.+?)\s+(?:as\s+)?(?:done|complete|completed|finished|paid|closed)$"),
        new(@"^(?:check|tick|cross)\s+(?<ref>.+?)\s+off$"),
        new(@"^(?:done|finished|completed|complete|finish|check off|tick off|cross off|crossed off|ticked off|checked off|check|tick|close)\s+(?:with\s+)?(?<ref>.+)$"),
        new(@"^i(?:\s+have|'ve)?\s+(?:did|done|finished|completed)\s+(?<ref>.+)$"),
        new(@"^(?<ref>.+?)\s+(?:is\s+|are\s+)?(?:done|finished|completed)$"),
    ];

    [GeneratedRegex(@"^(?:help|\?|what can you do\??|how does (?:this|it) work\??|commands|examples|hi|hello|hey|menu)$")]
    private static partial Regex HelpPattern();

    [GeneratedRegex(@"^(?:remove|clear|delete|cancel|turn off|stop|drop|disable)\s+(?:the\s+|all\s+)?reminders?\s+(?:from|for|of|on|about)\s+(?<ref>.+)$")]
    private static partial Regex ClearReminderPattern();

    [GeneratedRegex(@"^(?:remind me (?:about|of|to do)|(?:ping|nudge|alert) me (?:about|for|of)|(?:set|add|create|give me|put) (?:a |the |an )?reminder (?:for|on|about|to))\s+(?<ref>.+?)\s+(?<when>(?:at|on|in|by|for|tomorrow|today|tonight|next|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|an?\s+hour|\d).*)$")]
    private static partial Regex SetReminderPattern();

    [GeneratedRegex(@"^(?:(?:move|change|set|push|update|make)\s+)?(?:the\s+|my\s+)?(?<ref>[\p{L}\p{N}'\- ]+?)\s+reminders?\s+(?:to\s+|for\s+)?(?<when>(?:at|on|in|by|tomorrow|today|tonight|next|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|\d|an?\s+hour).*)$")]
    private static partial Regex NamedReminderPattern();

    [GeneratedRegex(@"^(?:(?:turn off|cancel|remove|delete|clear|stop|drop|kill)\s+(?:the\s+|my\s+)?(?<ref>[\p{L}\p{N}'\- ]+?)\s+reminders?|no (?:more )?reminders? (?:for|on|about) (?<ref>.+)|(?:don't|do not) remind me (?:about|of) (?<ref>.+?)(?: any ?more)?)$")]
    private static partial Regex ClearNamedReminderPattern();

    [GeneratedRegex(@"^(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight)$")]
    private static partial Regex TimeOnlyPattern();

    [GeneratedRegex(@"^(?<n>\d+|an|a|one)\s*(?<unit>minutes?|mins?|m|hours?|hrs?|h|days?|d)\s+(?:before|earlier|ahead)(?:\s+(?:it|the due time|it's due|it is due))?$")]
    private static partial Regex BeforePattern();

    [GeneratedRegex(@"^(?:thanks|thank you|thx|ty|cheers|great|perfect|awesome|cool|nice|ok thanks|that's all|thank you,? that's all|thanks,? that's all|bye|goodbye)[!. ]*$")]
    private static partial Regex ThanksPattern();

    [GeneratedRegex(@"^snooze\s+(?<rest>.+)$")]
    private static partial Regex SnoozePattern();

    [GeneratedRegex(@"^(?<ref>.+?)\s+(?<dur>\d+\s*[a-z]+|half an hour|an hour|a hour)$")]
    private static partial Regex TrailingDurationPattern();

    [GeneratedRegex(@"^(?:delete|remove|drop|trash|erase|get rid of|cancel|scrap|kill|forget about|forget|ditch|bin|nuke)\s+(?<ref>.+?)(?:\s+from\s+(?:my|the)\s+(?:to-?do\s+)?list)?$")]
    private static partial Regex DeletePattern();

    [GeneratedRegex(@"^(?<verb>move|reschedule|postpone|push back|push|shift|change|put off|defer|delay|bump)\s+(?<rest>.+)$")]
    private static partial Regex MovePattern();

    [GeneratedRegex(@"\s(?=(?:to|until|till|til|for|on|after)\s)")]
    private static partial Regex SplitPattern();

    [GeneratedRegex(@"^(?:find|search(?:\s+for)?|look\s+for|look\s+up|where(?:'s|\s+is))\s+(?<q>.+?)\??$")]
    private static partial Regex FindPattern();

    [GeneratedRegex(@"\s(?:overdue|late|late on|past due|missed|behind|behind on)\s")]
    private static partial Regex OverduePattern();

    [GeneratedRegex(@"\s(?:today|tonight|this evening)\??\s")]
    private static partial Regex TodayPattern();

    [GeneratedRegex(@"\s(?:this week|the week|next 7 days|next seven days|the coming days|upcoming|week|soon|coming up)\??\s")]
    private static partial Regex WeekPattern();

    [GeneratedRegex(@"\s(?:no due date|without (?:a )?(?:due )?date|undated|no date|someday)\??\s")]
    private static partial Regex NoDuePattern();

    [GeneratedRegex(@"\s(?:completed|done|finished)\??\s")]
    private static partial Regex CompletedPattern();

    [GeneratedRegex(@"\s(?:what|which)?\s*(?:tasks\s+|things\s+)?(?:did|have|has)\s+i\s+(?:already\s+)?(?:get\s+done|got\s+done|finish(?:ed)?|complete[d]?|do|done|tick(?:ed)?\s+off|check(?:ed)?\s+off|cross(?:ed)?\s+off|accomplish(?:ed)?)\s|\s(?:i've|i have)\s+(?:finished|completed|done|ticked off)\s|\s(?:completed|finished|done)\s+(?=(?:[\p{L}#]+\s+)?(?:tasks|items|things|todos|stuff)\s)|\s(?:what's|what is|what has been)\s+(?:done|finished|completed)\s")]
    private static partial Regex CompletedQuestionPattern();

    [GeneratedRegex(@"^(?:anything|any|something)\b|\?$|^(?:what|whats|what's|when)\b")]
    private static partial Regex LooseQuestionPattern();

    [GeneratedRegex(@"\s(?:(?<rel>before|by|until|till|after)\s+)?(?<d>(?:(?:for|on|due|this|next|coming)\s+)*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+\d{1,2}(?:st|nd|rd|th)?|the\s+\d{1,2}(?:st|nd|rd|th)|\d{4}-\d{2}-\d{2}))\s")]
    private static partial Regex DayPhrasePattern();

    [GeneratedRegex(@"\s(?:all(?: my)? tasks|everything|including (?:done|completed)|all)\??\s")]
    private static partial Regex AllPattern();

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

    [GeneratedRegex(@"^(?:what|what's|whats|which|show|list|display|any|do i have|give me|see|view|how many|anything|is there|are there)\b")]
    private static partial Regex QuestionPattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:add|create|new|todo|to-do|put(?=.+\s(?:on|onto|in|to)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?list\b)|note|jot down)\b(?:\s+(?:a|an)\b)?(?:\s+(?:task|todo|to-do|item|reminder)\b)?(?:\s*:)?\s*(?:to\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex AddPrefixPattern();

    [GeneratedRegex(@"\s+(?:to|on|onto)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?list\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListSuffixPattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:i need to|i have to|i must|i should|i gotta|i've got to|don't forget to|dont forget to|don't let me forget to|remember to|need to|have to)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex IntentPrefixPattern();

    [GeneratedRegex(@"\s*(?:,|\band\b|&)\s*")]
    private static partial Regex NumberListSplit();

    [GeneratedRegex(@"^(?:\d+|a few|some|these|the following|several|two|three|four|five)\s+(?:tasks|things|items|todos|to-dos)\s*:\s*(?<items>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SeveralPattern();

    [GeneratedRegex(@"^(?:task|number|no\.?|item|#)\s*")]
    private static partial Regex NumberPrefix();

    [GeneratedRegex(@"^(?:the|my|a|an)\s+(?:task\s+)?")]
    private static partial Regex ArticlePattern();

    [GeneratedRegex(@"^(?:(?:task|one|item|thing)\s+)?(?:called|named|titled|saying)\s+")]
    private static partial Regex CalledPattern();

    [GeneratedRegex(@"\s+(?:task|one|item|thing|todo|reminder)$")]
    private static partial Regex TaskSuffixPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"^(?<a>.+?)(?:\s*,\s*|\s+)(?:and|then|and then|also)\s+(?<b>(?:make|set|tag|label|move|mark|rename|give|change|add a note to|put|push|remind me about|snooze)\s+(?:it|that|that one|this)\b.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ThenPattern();

    [GeneratedRegex(@"^(?:set|change|move|push|reschedule|rename|retitle|update|edit|mark|tag|label|untag|postpone|bump|raise|lower|remove|delete|repeat|stop)\b|^make\s+.+\b(?:due|priority|repeat|recur|p[1-4])\b|\b(?:should|needs to|must) be\s+(?:p[1-4]|due|high|low|medium|urgent|important|called|renamed)\b")]
    private static partial Regex ChangeNotAddPattern();

    [GeneratedRegex(@"^(?:please|ok|okay|hey|can you|could you|would you)[, ]+|[, ]+please$")]
    private static partial Regex PolitePattern();
}
