using System.Globalization;
using System.Text.RegularExpressions;

namespace Todo.Language.Parsing;

/// <summary>Times of day: "5pm", "5 pm", "5:30pm", "17:00", "at 5", "noon", "midnight", "morning", ...</summary>
internal static partial class TimeRules
{
    public static readonly TimeOnly Morning = new(9, 0);

    private static readonly TimeOnly Afternoon = new(15, 0);
    private static readonly TimeOnly Evening = new(19, 0);
    private static readonly TimeOnly Night = new(20, 0);

    public static WhenMatch? Match(TokenList t, int p, string? connector)
    {
        // "Morning run", "Evening walk": a part of the day that opens a longer text is a title word.
        var opensTitle = p == 0 && connector is null && t.Count > 1;
        if (!opensTitle && PartOfDay(t.Word(p), connector) is { } single)
        {
            return WhenMatch.AtTime(1, single) with { IsPartOfDay = IsPart(single) };
        }

        if (t.Is(p, "this", "the") && PartOfDay(t.Word(p + 1), "the") is { } after)
        {
            return WhenMatch.AtTime(2, after) with { IsPartOfDay = IsPart(after) };
        }

        if (t.Is(p, "in") && t.Is(p + 1, "the") && PartOfDay(t.Word(p + 2), "the") is { } inThe)
        {
            return WhenMatch.AtTime(3, inThe) with { IsPartOfDay = IsPart(inThe) };
        }

        return PastOrTo(t, p) ?? Clock(t, p, connector);
    }

    /// <summary>
    /// "half past seven", "quarter past 4", "quarter to 9", "ten past six": a clock time said in words. The hour is
    /// read as a bare "at 7" is (1–7 the afternoon, 8–11 the morning), since nobody says "half past 19"; an "am"/"pm"
    /// after it decides.
    /// </summary>
    private static WhenMatch? PastOrTo(TokenList t, int p)
    {
        var q = t.Is(p, "a") && t.Is(p + 1, "quarter") ? p + 1 : p;
        int minutes;
        if (t.Is(q, "half"))
        {
            minutes = 30;
        }
        else if (t.Is(q, "quarter"))
        {
            minutes = 15;
        }
        else if (Words.TryCount(t.Word(q), out var n) && n is >= 1 and <= 30 && t.Word(q) is not ("a" or "an"))
        {
            minutes = n;
            q = t.Is(q + 1, "minutes", "mins", "min") ? q + 1 : q;
        }
        else
        {
            return null;
        }

        // "5 to 10" is more often a range than 9:55: digits before "to" need "minutes".
        var past = t.Is(q + 1, "past");
        var digitsTo = !past && q == p && t.Word(p).All(char.IsAsciiDigit);
        if (!past && (!t.Is(q + 1, "to") || digitsTo) || !Words.TryCount(t.Word(q + 2), out var hour) || hour is < 1 or > 12)
        {
            return null;
        }

        var used = q + 3 - p;
        var guessed = true;
        if (t.Is(q + 3, "am", "pm", "a.m", "p.m") && Words.IsMeridiem(t.Word(q + 3), out var pm))
        {
            hour = hour % 12 + (pm ? 12 : 0);
            guessed = false;
            used++;
        }
        else if (hour <= 7)
        {
            hour += 12;
        }

        var at = new TimeOnly(hour % 24, 0).AddMinutes(past ? minutes : -minutes);
        return WhenMatch.AtTime(used, at) with { HourGuessed = guessed };
    }

    /// <summary>
    /// A clock time said beside a part of the day: "every morning at 7" is 07:00 and "tomorrow evening at 8" is 20:00.
    /// Only a guessed am/pm gives way; "at 7pm in the morning" keeps what was said.
    /// </summary>
    public static TimeOnly InPartOfDay(TimeOnly clock, bool hourGuessed, TimeOnly partOfDay)
    {
        if (!hourGuessed)
        {
            return clock;
        }

        var hour = clock.Hour % 12 + (partOfDay.Hour < 12 ? 0 : 12);
        return new TimeOnly(hour, clock.Minute);
    }

    // Noon and midnight are times, not spans of the day that a clock time could fall in.
    private static bool IsPart(TimeOnly time) => time != new TimeOnly(12, 0) && time != TimeOnly.MinValue;

    /// <summary>A part of the day as its usual time; "night" alone is too common in titles and needs "at".</summary>
    private static TimeOnly? PartOfDay(string word, string? connector) => word switch
    {
        "noon" or "midday" => new TimeOnly(12, 0),
        "midnight" => TimeOnly.MinValue,
        "morning" => Morning,
        "afternoon" => Afternoon,
        "evening" => Evening,
        "night" when connector is "at" or "the" => Night,
        _ => null,
    };

    /// <summary>
    /// Clock times. A bare hour needs "at" ("at 5"); without am/pm, "at 1" … "at 7" (and "at 5:30") mean the
    /// afternoon, because few tasks are set for 5 in the morning; "at 8" … "at 11" mean the morning and "at 0" or
    /// "at 13" … "at 23" are 24-hour. "17:00" and "05:30" are always read as 24-hour.
    /// </summary>
    private static WhenMatch? Clock(TokenList t, int p, string? connector)
    {
        var m = ClockPattern().Match(t.Word(p));
        if (!m.Success)
        {
            return null;
        }

        var hour = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var hasMinutes = m.Groups[2].Success;
        var minute = hasMinutes ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        if (minute > 59)
        {
            return null;
        }

        var used = 1;
        bool pm;
        var hasMeridiem = m.Groups[3].Success && Words.IsMeridiem(m.Groups[3].Value, out pm);
        if (!hasMeridiem && t.Is(p + 1, "am", "pm", "a.m", "p.m"))
        {
            hasMeridiem = Words.IsMeridiem(t.Word(p + 1), out pm);
            used = 2;
        }
        else
        {
            pm = m.Groups[3].Success && m.Groups[3].Value.StartsWith('p');
        }

        if (hasMeridiem)
        {
            return hour is >= 1 and <= 12 ? WhenMatch.AtTime(used, new TimeOnly(hour % 12 + (pm ? 12 : 0), minute)) : null;
        }

        var oclock = t.Is(p + 1, "o'clock", "oclock");
        var guess = connector is "at" or "@" || oclock;
        if (!hasMinutes && !guess)
        {
            return null;
        }

        if (hour > 23)
        {
            return null;
        }

        var leadingZero = m.Groups[1].Value.Length == 2 && m.Groups[1].Value[0] == '0';
        var guessed = guess && !leadingZero && hour is >= 1 and <= 11;
        if (guessed && hour <= 7)
        {
            hour += 12;
        }

        return WhenMatch.AtTime(oclock ? 2 : 1, new TimeOnly(hour, minute)) with { HourGuessed = guessed };
    }

    [GeneratedRegex("^([0-9]{1,2})(?::([0-9]{2}))?(am|pm|a|p|a\\.m|p\\.m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();
}
