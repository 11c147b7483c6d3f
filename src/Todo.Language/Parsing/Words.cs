using System.Globalization;

namespace Todo.Language.Parsing;

/// <summary>The vocabulary: weekday, month, unit, number and ordinal words.</summary>
internal static class Words
{
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new()
    {
        ["monday"] = DayOfWeek.Monday, ["mondays"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["tuesdays"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["wednesdays"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday, ["weds"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["thursdays"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["fridays"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["saturdays"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sundays"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, int> Months = new()
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7,
        ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10, ["oct"] = 10,
        ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    };

    private static readonly Dictionary<string, TimeUnit> Units = new()
    {
        ["s"] = TimeUnit.Second, ["sec"] = TimeUnit.Second, ["secs"] = TimeUnit.Second, ["second"] = TimeUnit.Second, ["seconds"] = TimeUnit.Second,
        ["m"] = TimeUnit.Minute, ["min"] = TimeUnit.Minute, ["mins"] = TimeUnit.Minute, ["minute"] = TimeUnit.Minute, ["minutes"] = TimeUnit.Minute,
        ["h"] = TimeUnit.Hour, ["hr"] = TimeUnit.Hour, ["hrs"] = TimeUnit.Hour, ["hour"] = TimeUnit.Hour, ["hours"] = TimeUnit.Hour,
        ["d"] = TimeUnit.Day, ["day"] = TimeUnit.Day, ["days"] = TimeUnit.Day,
        ["w"] = TimeUnit.Week, ["wk"] = TimeUnit.Week, ["wks"] = TimeUnit.Week, ["week"] = TimeUnit.Week, ["weeks"] = TimeUnit.Week,
        ["mo"] = TimeUnit.Month, ["month"] = TimeUnit.Month, ["months"] = TimeUnit.Month,
        ["y"] = TimeUnit.Year, ["yr"] = TimeUnit.Year, ["yrs"] = TimeUnit.Year, ["year"] = TimeUnit.Year, ["years"] = TimeUnit.Year,
    };

    private static readonly Dictionary<string, int> Numbers = new()
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["forty-five"] = 45,
    };

    private static readonly Dictionary<string, int> OrdinalWords = new()
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["last"] = -1,
    };

    /// <summary>Abbreviations that are also common English words; they count as weekdays only after "on", "every" etc.</summary>
    public static bool IsAmbiguousWeekday(string word) => word is "sat" or "sun";

    public static bool TryWeekday(string word, out DayOfWeek day) => Weekdays.TryGetValue(word, out day);

    public static bool TryMonth(string word, out int month) => Months.TryGetValue(word, out month);

    public static bool TryUnit(string word, out TimeUnit unit) => Units.TryGetValue(word, out unit);

    /// <summary>A plain count: digits (up to 5) or a number word such as "a", "two", "ten".</summary>
    public static bool TryCount(string word, out int value)
    {
        if (word.Length is > 0 and <= 5 && word.All(char.IsAsciiDigit))
        {
            value = int.Parse(word, CultureInfo.InvariantCulture);
            return true;
        }

        return Numbers.TryGetValue(word, out value);
    }

    /// <summary>Digits only, at most <paramref name="maxLength"/> of them.</summary>
    public static bool TryDigits(string word, int maxLength, out int value)
    {
        value = 0;
        return word.Length > 0 && word.Length <= maxLength && word.All(char.IsAsciiDigit)
            && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>"1st", "22nd", "3rd", "15th" or "first".."tenth"; the value is not range-checked.</summary>
    public static bool TryOrdinal(string word, out int value)
    {
        if (word.Length >= 3 && word[^2..] is "st" or "nd" or "rd" or "th" && TryDigits(word[..^2], 2, out value))
        {
            return true;
        }

        return OrdinalWords.TryGetValue(word, out value) && value > 0;
    }

    /// <summary>A day of the month written as an ordinal or, when <paramref name="allowPlain"/>, a bare number.</summary>
    public static bool TryDayNumber(string word, bool allowPlain, out int day)
    {
        if (TryOrdinal(word, out day) || (allowPlain && TryDigits(word, 2, out day)))
        {
            return day is >= 1 and <= 31;
        }

        return false;
    }

    public static bool IsMeridiem(string word, out bool pm)
    {
        pm = word is "pm" or "p.m" or "p";
        return pm || word is "am" or "a.m" or "a";
    }

    public static string Ordinal(int n) => n switch
    {
        11 or 12 or 13 => $"{n}th",
        _ when n % 10 == 1 => $"{n}st",
        _ when n % 10 == 2 => $"{n}nd",
        _ when n % 10 == 3 => $"{n}rd",
        _ => $"{n}th",
    };
}
