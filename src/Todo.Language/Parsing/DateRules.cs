using System.Globalization;
using System.Text.RegularExpressions;

namespace Todo.Language.Parsing;

/// <summary>Rules for phrases that name a day. Each returns null when the tokens at <c>p</c> are not such a phrase.</summary>
internal static partial class DateRules
{
    private static readonly TimeOnly Tonight = new(20, 0);

    /// <summary>today, tonight, tomorrow, day after tomorrow, yesterday, weekends, next week/month/year, end of day/week/month, eod ...</summary>
    public static WhenMatch? MatchNamed(TokenList t, int p, ParseContext c)
    {
        var today = c.Today;
        switch (t.Word(p))
        {
            case "today" or "tod":
                return WhenMatch.OnDate(1, today);
            case "tonight" or "tonite":
                return new WhenMatch(1, SpanKind.Date) { Date = today, Time = Tonight, IsTonight = true };
            case "tomorrow" or "tmr" or "tmrw" or "tmw" or "tomorow" or "tommorow" or "tommorrow" or "tomorrows":
                return WhenMatch.OnDate(1, today.AddDays(1));
            case "yesterday":
                return WhenMatch.Rejected(1, "'yesterday' is in the past");
            case "overmorrow":
                return WhenMatch.OnDate(1, today.AddDays(2));
            case "eod" or "cob" or "eob":
                // End of (business) day: today, with no time of its own.
                return WhenMatch.OnDate(1, today);
            case "eom":
                return WhenMatch.OnDate(1, EndOfMonth(today));
            case "eow":
                return WhenMatch.OnDate(1, EndOfWeek(today));
            case "eoy":
                return WhenMatch.OnDate(1, new DateOnly(today.Year, 12, 31));
            case "weekend":
                return WhenMatch.OnDate(1, ThisWeekend(today));
        }

        var q = t.Is(p, "the") ? p + 1 : p;
        var lead = q - p;
        if (t.Is(q, "day") && t.Is(q + 1, "after") && t.Is(q + 2, "tomorrow"))
        {
            return WhenMatch.OnDate(lead + 3, today.AddDays(2));
        }

        if (t.Is(q, "weekend") && lead == 1)
        {
            return WhenMatch.OnDate(2, ThisWeekend(today));
        }

        if (t.Is(q, "close") && t.Is(q + 1, "of") && t.Is(q + 2, "business"))
        {
            return WhenMatch.OnDate(lead + 3, today);
        }

        if (t.Is(q, "end") && t.Is(q + 1, "of"))
        {
            var r = t.Is(q + 2, "the") ? q + 3 : q + 2;
            if (t.Is(r, "workday", "business") && t.Is(r + 1, "day"))
            {
                return WhenMatch.OnDate(r - p + 2, today);
            }

            // "end of next week", "end of next month": the end of the period after this one.
            var nextPeriod = t.Is(r, "next") && t.Is(r + 1, "week", "month", "year");
            r += nextPeriod ? 1 : 0;
            DateOnly? end = t.Word(r) switch
            {
                "day" or "workday" when !nextPeriod => today,
                "month" => EndOfMonth(nextPeriod ? new DateOnly(today.Year, today.Month, 1).AddMonths(1) : today),
                "week" => EndOfWeek(today).AddDays(nextPeriod ? 7 : 0),
                "year" => new DateOnly(today.Year + (nextPeriod ? 1 : 0), 12, 31),
                _ => null,
            };
            return end is { } date ? WhenMatch.OnDate(r - p + 1, date) : null;
        }

        if (t.Is(p, "this") && t.Is(p + 1, "weekend"))
        {
            return WhenMatch.OnDate(2, ThisWeekend(today));
        }

        if (t.Is(p, "next"))
        {
            DateOnly? next = t.Word(p + 1) switch
            {
                "week" => today.AddDays(8 - IsoDay(today)),
                "weekend" => ThisWeekend(today).AddDays(7),
                "month" => new DateOnly(today.Year, today.Month, 1).AddMonths(1),
                "year" => new DateOnly(today.Year + 1, 1, 1),
                _ => null,
            };
            return next is { } date ? WhenMatch.OnDate(2, date) : null;
        }

        return null;
    }

    /// <summary>
    /// "friday", "on fri", "this friday", "next friday". A plain or "next" weekday is the next such day strictly
    /// after today (Todoist's meaning: on a Friday, "friday" and "next friday" are both a week away); "this friday"
    /// is today when today is Friday. "sat" and "sun" count only after a lead-in word, so "sun cream" stays a title.
    /// </summary>
    public static WhenMatch? MatchWeekday(TokenList t, int p, ParseContext c, string? connector)
    {
        var prefix = t.Is(p, "this", "next", "coming", "upcoming") ? t.Word(p) : null;
        var q = prefix is null ? p : p + 1;
        if (!Words.TryWeekday(t.Word(q), out var day))
        {
            return null;
        }

        // "return library books sat": a last word "sat" after a title is the day ("sun" stays a word: "in the sun").
        var trailingSat = t.Word(q) == "sat" && q > 0 && t.Word(q + 1).Length == 0;
        if (prefix is null && connector is null && Words.IsAmbiguousWeekday(t.Word(q)) && !trailingSat)
        {
            return null;
        }

        var date = prefix == "this" ? OnOrAfter(c.Today, day) : OnOrAfter(c.Today.AddDays(1), day);
        return WhenMatch.OnDate(q - p + 1, date);
    }

    /// <summary>"dec 25", "december 25th, 2026", "25 dec", "the 25th of december".</summary>
    public static WhenMatch? MatchMonthDay(TokenList t, int p, ParseContext c)
    {
        if (Words.TryMonth(t.Word(p), out var month) && Words.TryDayNumber(t.Word(p + 1), allowPlain: true, out var day))
        {
            var hasYear = Words.TryDigits(t.Word(p + 2), 4, out var year) && t.Word(p + 2).Length == 4;
            var count = hasYear ? 3 : 2;
            return Resolve(t, p, count, month, day, hasYear ? year : null, c);
        }

        var q = t.Is(p, "the") ? p + 1 : p;
        if (Words.TryDayNumber(t.Word(q), allowPlain: q == p, out day))
        {
            var m = t.Is(q + 1, "of") ? q + 2 : q + 1;
            if (Words.TryMonth(t.Word(m), out month))
            {
                var hasYear = Words.TryDigits(t.Word(m + 1), 4, out var year) && t.Word(m + 1).Length == 4;
                var count = m - p + (hasYear ? 2 : 1);
                return Resolve(t, p, count, month, day, hasYear ? year : null, c);
            }
        }

        return null;
    }

    /// <summary>ISO "2026-12-25" and US "12/25" or "12/25/2026"; "25/12" is read day/month since no month 25 exists.</summary>
    public static WhenMatch? MatchNumeric(TokenList t, int p, ParseContext c)
    {
        var word = t.Word(p);
        var iso = IsoDate().Match(word);
        if (iso.Success)
        {
            return Resolve(t, p, 1, Int(iso.Groups[2]), Int(iso.Groups[3]), Int(iso.Groups[1]), c);
        }

        var us = UsDate().Match(word);
        if (!us.Success)
        {
            return null;
        }

        int? year = null;
        if (us.Groups[3].Success)
        {
            year = Int(us.Groups[3]);
            year += year < 100 ? 2000 : 0;
        }

        var (month, day) = (Int(us.Groups[1]), Int(us.Groups[2]));
        if (month > 12 && day <= 12)
        {
            // "31/12" can only be day/month: accept it rather than reject a date that has one reading.
            (month, day) = (day, month);
        }

        return Resolve(t, p, 1, month, day, year, c);
    }

    /// <summary>
    /// "the 15th", "on the 31st", "on 1st": the next date on or after today with that day of the month. Months that do
    /// not have the day are skipped rather than clamped, so "the 31st" in April means May 31.
    /// </summary>
    public static WhenMatch? MatchDayOfMonth(TokenList t, int p, ParseContext c, string? connector)
    {
        int day;
        int count;
        if (t.Is(p, "the") && Words.TryOrdinal(t.Word(p + 1), out day))
        {
            count = 2;
        }
        else if (connector == "on" && Words.TryOrdinal(t.Word(p), out day))
        {
            count = 1;
        }
        else
        {
            return null;
        }

        if (day is < 1 or > 31)
        {
            return null;
        }

        // "the 1st of next month", "the 15th of this month", "the 3rd next month": that month, not the next one that fits.
        var q = p + count;
        var of = t.Is(q, "of") ? 1 : 0;
        if (t.Is(q + of, "next", "this") && t.Is(q + of + 1, "month"))
        {
            var month = new DateOnly(c.Today.Year, c.Today.Month, 1).AddMonths(t.Is(q + of, "next") ? 1 : 0);
            var used = count + of + 2;
            return day <= DateTime.DaysInMonth(month.Year, month.Month)
                ? WhenMatch.OnDate(used, new DateOnly(month.Year, month.Month, day))
                : WhenMatch.Rejected(used, $"'{t.Slice(p, used)}' is not a valid date ({month.ToString("MMMM", CultureInfo.InvariantCulture)} has {DateTime.DaysInMonth(month.Year, month.Month)} days)");
        }

        return WhenMatch.OnDate(count, NextDayOfMonth(c.Today, day));
    }

    public static DateOnly NextDayOfMonth(DateOnly from, int day)
    {
        var first = new DateOnly(from.Year, from.Month, 1);
        for (var k = 0; ; k++)
        {
            var month = first.AddMonths(k);
            if (day <= DateTime.DaysInMonth(month.Year, month.Month))
            {
                var date = new DateOnly(month.Year, month.Month, day);
                if (date >= from)
                {
                    return date;
                }
            }
        }
    }

    public static DateOnly OnOrAfter(DateOnly from, DayOfWeek day) => from.AddDays(((int)day - (int)from.DayOfWeek + 7) % 7);

    /// <summary>ISO weekday number: Monday 1 … Sunday 7.</summary>
    public static int IsoDay(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    private static DateOnly EndOfMonth(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    /// <summary>Weeks run Monday to Sunday (ISO 8601), so the end of the week is Sunday.</summary>
    private static DateOnly EndOfWeek(DateOnly d) => d.AddDays(7 - IsoDay(d));

    /// <summary>The coming Saturday; on a weekend day, that day itself.</summary>
    private static DateOnly ThisWeekend(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? d : OnOrAfter(d, DayOfWeek.Saturday);

    private static WhenMatch Resolve(TokenList t, int p, int count, int month, int day, int? year, ParseContext c)
    {
        var text = t.Slice(p, count);
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year ?? 2000, month))
        {
            return WhenMatch.Rejected(count, $"'{text}' is not a valid date");
        }

        if (year is { } y)
        {
            var date = new DateOnly(y, month, day);
            return date < c.Today ? WhenMatch.Rejected(count, $"'{text}' is in the past") : WhenMatch.OnDate(count, date);
        }

        // No year: the next such date on or after today. Feb 29 waits for the next leap year.
        for (var candidate = c.Today.Year; candidate < c.Today.Year + 9 && candidate <= 9999; candidate++)
        {
            if (day <= DateTime.DaysInMonth(candidate, month) && new DateOnly(candidate, month, day) >= c.Today)
            {
                return WhenMatch.OnDate(count, new DateOnly(candidate, month, day));
            }
        }

        return WhenMatch.Rejected(count, $"'{text}' is too far in the future");
    }

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex("^([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{2}|[0-9]{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex UsDate();
}
