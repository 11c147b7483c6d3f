namespace Todo.Language.Parsing;

/// <summary>Finds where a recurrence first lands.</summary>
internal static class Occurrences
{
    /// <summary>
    /// The first date on or after <paramref name="start"/> that the rule allows. When <paramref name="skipPastToday"/>
    /// is set and the time of day has already passed today, today does not count.
    /// </summary>
    public static DateOnly First(Recurrence rule, DateOnly start, TimeOnly? time, bool skipPastToday, ParseContext context)
    {
        for (var offset = 0; offset < 800; offset++)
        {
            var date = start.AddDays(offset);
            if (skipPastToday && date == context.Today && time is { } t && t <= context.TimeNow)
            {
                continue;
            }

            if (Allows(rule, date))
            {
                return date;
            }
        }

        return start;
    }

    private static bool Allows(Recurrence rule, DateOnly date) => rule.Frequency switch
    {
        Frequency.Weekly => rule.ByDays.Count == 0 || rule.ByDays.Contains(date.DayOfWeek),
        Frequency.Monthly => rule.ByMonthDay is not { } day || date.Day == day,
        _ => true,
    };
}
