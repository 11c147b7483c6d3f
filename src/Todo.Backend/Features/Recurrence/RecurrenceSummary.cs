using System.Globalization;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Recurrence;

/// <summary>Human-readable recurrence: "every 2 weeks on Mon and Wed", "every month on the 31st, 5 times".</summary>
internal static class RecurrenceSummary
{
    public static string Describe(RecurrenceDto rule)
    {
        var unit = rule.Frequency switch
        {
            RecurrenceFrequency.Daily => "day",
            RecurrenceFrequency.Weekly => "week",
            RecurrenceFrequency.Monthly => "month",
            _ => "year",
        };
        var text = rule.Interval == 1 ? $"every {unit}" : $"every {rule.Interval} {unit}s";
        if (rule is { Frequency: RecurrenceFrequency.Weekly, Days.Count: > 0 })
        {
            var days = rule.Days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList();
            text = IsWeekdays(days) && rule.Interval == 1 ? "every weekday" : $"{text} on {JoinAnd(days.Select(d => d.ToString()[..3]))}";
        }

        if (rule is { Frequency: RecurrenceFrequency.Monthly, MonthDay: { } day })
        {
            text += $" on the {Ordinal(day)}";
        }

        if (rule.FromCompletion)
        {
            text += " after completion";
        }

        if (rule.Until is { } until)
        {
            text += $", until {until.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}";
        }

        if (rule.Count is { } count)
        {
            text += count == 1 ? ", once" : $", {count} times";
        }

        return text;
    }

    public static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };

    private static bool IsWeekdays(List<DayOfWeek> days) =>
        days.Count == 5 && !days.Contains(DayOfWeek.Saturday) && !days.Contains(DayOfWeek.Sunday);

    private static string JoinAnd(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }
}
