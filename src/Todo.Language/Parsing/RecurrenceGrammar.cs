namespace Todo.Language.Parsing;

/// <summary>Repeat rules and their modifiers.</summary>
internal static class RecurrenceGrammar
{
    private static readonly DayOfWeek[] WorkDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly DayOfWeek[] WeekendDays = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static RecurrenceMatch? Match(TokenList t, int p, ParseContext c) =>
        Every(t, p) ?? Adverb(t, p) ?? DayOfEveryMonth(t, p) ?? AfterCompletion(t, p) ?? Modifier(t, p, c);

    /// <summary>"1st of every month", "on the 15th of each month".</summary>
    private static RecurrenceMatch? DayOfEveryMonth(TokenList t, int p)
    {
        var q = t.Is(p, "on") ? p + 1 : p;
        q = t.Is(q, "the") ? q + 1 : q;
        if (Words.TryOrdinal(t.Word(q), out var day) && day is >= 1 and <= 31
            && t.Is(q + 1, "of") && t.Is(q + 2, "every", "each") && t.Is(q + 3, "month"))
        {
            return new RecurrenceMatch(q + 4 - p) { Rule = new Recurrence(Frequency.Monthly) { ByMonthDay = day } };
        }

        return null;
    }

    /// <summary>"every day", "every 2 weeks on mon and wed", "every other friday", "every month on the 1st", "every 15th", "every morning".</summary>
    private static RecurrenceMatch? Every(TokenList t, int p)
    {
        if (!t.Is(p, "every", "each"))
        {
            return null;
        }

        var q = p + 1;
        var word = t.Word(q);
        if (word is "weekday" or "weekdays" or "workday" or "workdays")
        {
            return new RecurrenceMatch(2) { Rule = new Recurrence(Frequency.Weekly) { ByDays = WorkDays } };
        }

        if (word is "business" && t.Is(q + 1, "day", "days"))
        {
            return new RecurrenceMatch(3) { Rule = new Recurrence(Frequency.Weekly) { ByDays = WorkDays } };
        }

        if (word is "weekend" or "weekends")
        {
            return new RecurrenceMatch(2) { Rule = new Recurrence(Frequency.Weekly) { ByDays = WeekendDays } };
        }

        if (word is "morning" or "afternoon" or "evening" or "night")
        {
            var time = word switch
            {
                "morning" => TimeRules.Morning,
                "afternoon" => new TimeOnly(15, 0),
                "evening" => new TimeOnly(19, 0),
                _ => new TimeOnly(20, 0),
            };
            return new RecurrenceMatch(2) { Rule = new Recurrence(Frequency.Daily), Time = time };
        }

        if (TryDayList(t, q, out var days, out var used))
        {
            return new RecurrenceMatch(1 + used) { Rule = new Recurrence(Frequency.Weekly) { ByDays = days } };
        }

        if (Words.TryOrdinal(word, out var monthDay) && monthDay is >= 1 and <= 31)
        {
            var end = q + 1;
            if (t.Is(end, "of") && t.Is(end + 1, "the", "every", "each") && t.Is(end + 2, "month"))
            {
                end += 3;
            }

            return new RecurrenceMatch(end - p) { Rule = new Recurrence(Frequency.Monthly) { ByMonthDay = monthDay } };
        }

        if (t.Is(q, "other") && TryDayList(t, q + 1, out var everyOther, out var listed))
        {
            return new RecurrenceMatch(2 + listed) { Rule = new Recurrence(Frequency.Weekly, 2) { ByDays = everyOther } };
        }

        var interval = 1;
        if (t.Is(q, "other"))
        {
            interval = 2;
            q++;
        }
        else if (Words.TryCount(t.Word(q), out var n) && t.Word(q) is not ("a" or "an") && Words.TryUnit(t.Word(q + 1), out _))
        {
            interval = n;
            q++;
        }

        if (!Words.TryUnit(t.Word(q), out var unit) || interval < 1)
        {
            return null;
        }

        return Unit(t, p, q + 1, unit, interval);
    }

    /// <summary>"daily", "weekly on fri", "biweekly", "monthly on the 15th", "yearly", "annually".</summary>
    private static RecurrenceMatch? Adverb(TokenList t, int p) => AdverbRule(t, p) is { } match ? match with { FromAdverb = true } : null;

    private static RecurrenceMatch? AdverbRule(TokenList t, int p) => t.Word(p) switch
    {
        "daily" or "everyday" => Unit(t, p, p + 1, TimeUnit.Day, 1),
        "weekly" => Unit(t, p, p + 1, TimeUnit.Week, 1),
        "biweekly" or "fortnightly" => Unit(t, p, p + 1, TimeUnit.Week, 2),
        "monthly" => Unit(t, p, p + 1, TimeUnit.Month, 1),
        "yearly" or "annually" => Unit(t, p, p + 1, TimeUnit.Year, 1),
        _ => null,
    };

    /// <summary>"3 days after done": a rule counted from completion, without "every".</summary>
    private static RecurrenceMatch? AfterCompletion(TokenList t, int p)
    {
        if (!DurationRules.TryDuration(t, p, out var used, out var amount, out var unit) || !IsCompletion(t, p + used))
        {
            return null;
        }

        var match = Unit(t, p, p + used, unit, amount);
        return match?.Rule is null ? match : match with { Count = used + 2, Rule = match.Rule with { FromCompletion = true } };
    }

    /// <summary>"after done", "until dec 31", "for 5 times", "5 times".</summary>
    private static RecurrenceMatch? Modifier(TokenList t, int p, ParseContext c)
    {
        if (IsCompletion(t, p))
        {
            return new RecurrenceMatch(2) { FromCompletion = true };
        }

        if (t.Is(p, "until", "till", "til", "through", "thru", "ending"))
        {
            var when = WhenGrammar.Match(t, p + 1, c);
            if (when is null || when.Instant is not null || (when.Date is null && when.Rejection is null))
            {
                return null;
            }

            return when.Rejection is { } warning
                ? new RecurrenceMatch(when.Count + 1) { Rejection = warning }
                : new RecurrenceMatch(when.Count + 1) { Until = when.Date };
        }

        var q = t.Is(p, "for") ? p + 1 : p;
        if (Words.TryCount(t.Word(q), out var times) && t.Word(q) is not ("a" or "an") && times >= 1
            && t.Is(q + 1, "times", "time", "occurrences", "x"))
        {
            return new RecurrenceMatch(q - p + 2) { Times = times };
        }

        return null;
    }

    private static RecurrenceMatch? Unit(TokenList t, int p, int next, TimeUnit unit, int interval)
    {
        switch (unit)
        {
            case TimeUnit.Day:
                return new RecurrenceMatch(next - p) { Rule = new Recurrence(Frequency.Daily, interval) };
            case TimeUnit.Week:
                if (t.Is(next, "on") && TryDayList(t, next + 1, out var days, out var used))
                {
                    return new RecurrenceMatch(next + 1 + used - p) { Rule = new Recurrence(Frequency.Weekly, interval) { ByDays = days } };
                }

                return new RecurrenceMatch(next - p) { Rule = new Recurrence(Frequency.Weekly, interval) };
            case TimeUnit.Month:
                var r = t.Is(next, "on") ? next + 1 : next;
                r = t.Is(r, "the") ? r + 1 : r;
                if (r > next && Words.TryOrdinal(t.Word(r), out var day) && day is >= 1 and <= 31)
                {
                    return new RecurrenceMatch(r + 1 - p) { Rule = new Recurrence(Frequency.Monthly, interval) { ByMonthDay = day } };
                }

                return new RecurrenceMatch(next - p) { Rule = new Recurrence(Frequency.Monthly, interval) };
            case TimeUnit.Year:
                return new RecurrenceMatch(next - p) { Rule = new Recurrence(Frequency.Yearly, interval) };
            default:
                return new RecurrenceMatch(next - p)
                {
                    Rejection = $"'{t.Slice(p, next - p)}' repeats more often than daily, which is not supported",
                };
        }
    }

    private static bool IsCompletion(TokenList t, int p) =>
        t.Is(p, "after") && t.Is(p + 1, "done", "completion", "completed", "completing", "complete", "finished", "finishing");

    /// <summary>"mon-fri", "tue-thu", "fri-mon" (wrapping through the weekend).</summary>
    private static bool TryDayRange(string word, out DayOfWeek[] days)
    {
        days = [];
        var dash = word.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !Words.TryWeekday(word[..dash], out var from) || !Words.TryWeekday(word[(dash + 1)..], out var to))
        {
            return false;
        }

        var list = new List<DayOfWeek> { from };
        for (var day = from; day != to;)
        {
            day = (DayOfWeek)(((int)day + 1) % 7);
            list.Add(day);
        }

        days = [.. list];
        return true;
    }

    /// <summary>"mon", "mon-fri", "mon and wed", "mon, wed &amp; fri", "tuesdays and thursdays".</summary>
    private static bool TryDayList(TokenList t, int q, out DayOfWeek[] days, out int used)
    {
        var list = new List<DayOfWeek>();
        var k = q;
        if (TryDayRange(t.Word(k), out var range))
        {
            days = range;
            used = 1;
            return true;
        }

        if (Words.TryWeekday(t.Word(k), out var first))
        {
            list.Add(first);
            k++;
            while (true)
            {
                if (t.Is(k, "and", "&", "/", "+", "or") && Words.TryWeekday(t.Word(k + 1), out var joined))
                {
                    list.Add(joined);
                    k += 2;
                }
                else if (Words.TryWeekday(t.Word(k), out var listed))
                {
                    list.Add(listed);
                    k++;
                }
                else
                {
                    break;
                }
            }
        }

        days = [.. list];
        used = k - q;
        return list.Count > 0;
    }
}
