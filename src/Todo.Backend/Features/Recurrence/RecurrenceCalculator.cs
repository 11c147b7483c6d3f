using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Recurrence;

/// <summary>
/// The next occurrence of a repeating task, evaluated with Ical.Net (RFC 5545). Due dates are wall-clock dates and
/// times in the user's zone, so the rule runs on floating local times: 09:00 stays 09:00 across a DST change, and the
/// instant is derived afterwards in that zone.
/// </summary>
internal static class RecurrenceCalculator
{
    /// <summary>
    /// The due of the occurrence after <paramref name="current"/>, or null when the series has ended.
    /// From the due date: the first rule occurrence after the current due that is not before the day it was completed
    /// (an overdue daily task completed today comes back today, not on a missed day). From completion: the completion
    /// day plus one interval, keeping the time of day.
    /// </summary>
    public static DueDto? Next(RecurrenceDto rule, DueDto current, int occurrence, DateOnly completedOn)
    {
        if (rule.Count is { } count && occurrence >= count)
        {
            return null;
        }

        var next = rule.FromCompletion ? AfterCompletion(rule, current, completedOn) : FromDueDate(rule, current, completedOn);
        return next is null || (rule.Until is { } until && next.Date > until) ? null : next;
    }

    private static DueDto AfterCompletion(RecurrenceDto rule, DueDto current, DateOnly completedOn)
    {
        var date = rule.Frequency switch
        {
            RecurrenceFrequency.Daily => completedOn.AddDays(rule.Interval),
            RecurrenceFrequency.Weekly => completedOn.AddDays(7 * rule.Interval),
            RecurrenceFrequency.Monthly => completedOn.AddMonths(rule.Interval),
            _ => completedOn.AddYears(rule.Interval),
        };
        return current with { Date = date };
    }

    private static DueDto? FromDueDate(RecurrenceDto rule, DueDto current, DateOnly completedOn)
    {
        var pattern = new RecurrencePattern(Frequency(rule.Frequency), rule.Interval);
        foreach (var day in rule.Days ?? [])
        {
            pattern.ByDay.Add(new WeekDay(day));
        }

        if (rule.MonthDay is { } monthDay)
        {
            pattern.ByMonthDay.Add(monthDay);
        }

        var start = new CalDateTime(current.Date, current.Time ?? TimeOnly.MinValue, null!);
        var calendarEvent = new CalendarEvent { DtStart = start, RecurrenceRule = pattern };

        // Bounded: a rule that matches nothing (the 31st every 12 months from April) must not loop forever.
        var horizon = current.Date.AddYears(Math.Max(10, rule.Interval * 2));
        foreach (var occurrence in calendarEvent.GetOccurrences(start))
        {
            var date = occurrence.Period.StartTime.Date;
            if (date > horizon)
            {
                break;
            }

            if (date > current.Date && date >= completedOn)
            {
                return current with { Date = date };
            }
        }

        return null;
    }

    private static Ical.Net.FrequencyType Frequency(RecurrenceFrequency frequency) => frequency switch
    {
        RecurrenceFrequency.Daily => Ical.Net.FrequencyType.Daily,
        RecurrenceFrequency.Weekly => Ical.Net.FrequencyType.Weekly,
        RecurrenceFrequency.Monthly => Ical.Net.FrequencyType.Monthly,
        _ => Ical.Net.FrequencyType.Yearly,
    };
}
