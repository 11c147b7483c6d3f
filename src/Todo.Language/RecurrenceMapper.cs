using Todo.Contracts.Tasks;

namespace Todo.Language;

/// <summary>
/// Between the language's <see cref="Recurrence"/> and the wire's <see cref="RecurrenceDto"/>: the web's quick-add
/// and editor, the backend's task DTOs and the chat all map and describe rules here, so they read the same.
/// </summary>
public static class RecurrenceMapper
{
    /// <summary>The wire form of a recognised rule (no days becomes null, "the due date's weekday").</summary>
    public static RecurrenceDto ToDto(Recurrence rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new(
            (RecurrenceFrequency)(int)rule.Frequency,
            rule.Interval,
            rule.ByDays.Count > 0 ? rule.ByDays : null,
            rule.ByMonthDay,
            rule.Until,
            rule.Count,
            rule.FromCompletion);
    }

    /// <summary>
    /// The rule a wire recurrence holds. Out-of-range values (which the backend refuses on input) are dropped or
    /// raised to 1 rather than thrown, so describing a stored rule never fails.
    /// </summary>
    public static Recurrence ToRule(RecurrenceDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        return new((Frequency)(int)dto.Frequency, Math.Max(1, dto.Interval))
        {
            ByDays = dto.Days ?? [],
            ByMonthDay = dto.MonthDay is >= 1 and <= 31 ? dto.MonthDay : null,
            Until = dto.Until,
            Count = dto.Count is >= 1 ? dto.Count : null,
            FromCompletion = dto.FromCompletion,
        };
    }

    /// <summary>"every 2 weeks on Mon and Wed", as <see cref="RecurrenceText.Describe"/> words it.</summary>
    public static string Describe(RecurrenceDto dto) => RecurrenceText.Describe(ToRule(dto));
}
