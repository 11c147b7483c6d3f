using System.Globalization;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// Dates in commands: read with DateTimePhraseParser, reported back when impossible or unreadable, never guessed.
internal static partial class ChatInterpreter
{
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
                if (year is null && month == 2 && day == 29 && NextLeapDayIsYearsAway(now, zone) is { } nextLeap)
                {
                    // Quick add would take the next February 29, years away: that is not what "feb 29" meant.
                    return new ReplyIntent($"There is no February 29 this year (the next is in {nextLeap}), so I didn't change anything. " +
                        "Which day did you mean, e.g. \"February 28\" or \"March 1\"?");
                }

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

    /// <summary>The year of the next February 29 when it is more than a year from today, else null.</summary>
    private static int? NextLeapDayIsYearsAway(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(ZonedTime.ToLocal(now, zone));
        var year = today.Month <= 2 ? today.Year : today.Year + 1;
        while (!DateTime.IsLeapYear(year))
        {
            year++;
        }

        return new DateOnly(year, 2, 29).DayNumber - today.DayNumber > 366 ? year : null;
    }

    [GeneratedRegex(@"^(?:(?:to|until|till|til|for|after|on|at)\s+)+")]
    private static partial Regex LeadInPattern();
}
