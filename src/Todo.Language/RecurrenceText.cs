using System.Globalization;
using Todo.Language.Parsing;

namespace Todo.Language;

/// <summary>Describes a <see cref="Recurrence"/> in short English, for task lists and chat replies.</summary>
public static class RecurrenceText
{
    private static readonly DayOfWeek[] WorkDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>
    /// "every day", "every weekday", "every Monday", "every 2 weeks on Mon and Wed", "every month on the 31st",
    /// "every 3 days after completion", with ", until Dec 31, 2026" and ", 5 times" appended when set.
    /// </summary>
    public static string Describe(Recurrence recurrence)
    {
        ArgumentNullException.ThrowIfNull(recurrence);
        var text = Base(recurrence);
        if (recurrence.FromCompletion)
        {
            text += " after completion";
        }

        if (recurrence.Until is { } until)
        {
            text += ", until " + until.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
        }

        if (recurrence.Count is { } count)
        {
            text += count == 1 ? ", once" : $", {count} times";
        }

        return text;
    }

    private static string Base(Recurrence r)
    {
        var every = r.Interval == 1 ? "every " : $"every {r.Interval} ";
        var unit = r.Frequency switch
        {
            Frequency.Daily => "day",
            Frequency.Weekly => "week",
            Frequency.Monthly => "month",
            _ => "year",
        };
        var period = every + (r.Interval == 1 ? unit : unit + "s");

        switch (r.Frequency)
        {
            case Frequency.Weekly when r.ByDays.Count > 0:
                if (r.Interval == 1 && r.ByDays.SequenceEqual(WorkDays))
                {
                    return "every weekday";
                }

                if (r.Interval == 1 && r.ByDays.SequenceEqual([DayOfWeek.Saturday, DayOfWeek.Sunday]))
                {
                    return "every weekend";
                }

                if (r.Interval == 1)
                {
                    return "every " + (r.ByDays.Count == 1 ? r.ByDays[0].ToString() : DayList(r.ByDays));
                }

                return $"{period} on {DayList(r.ByDays)}";
            case Frequency.Monthly when r.ByMonthDay is { } day:
                return $"{period} on the {Words.Ordinal(day)}";
            default:
                return period;
        }
    }

    private static string DayList(IReadOnlyList<DayOfWeek> days)
    {
        var names = days.Select(d => d.ToString()[..3]).ToArray();
        return names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
    }
}
