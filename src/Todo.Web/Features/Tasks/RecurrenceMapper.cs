using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Web.Features.Tasks;

/// <summary>Between Todo.Language's recurrence (no Contracts dependency) and the wire's <see cref="RecurrenceDto"/>.</summary>
public static class RecurrenceMapper
{
    public static RecurrenceDto ToDto(Recurrence rule) => new(
        (RecurrenceFrequency)(int)rule.Frequency,
        rule.Interval,
        rule.ByDays.Count > 0 ? rule.ByDays : null,
        rule.ByMonthDay,
        rule.Until,
        rule.Count,
        rule.FromCompletion);

    public static Recurrence ToRule(RecurrenceDto dto) => new((Frequency)(int)dto.Frequency, Math.Max(1, dto.Interval))
    {
        ByDays = dto.Days ?? [],
        ByMonthDay = dto.MonthDay is >= 1 and <= 31 ? dto.MonthDay : null,
        Until = dto.Until,
        Count = dto.Count is >= 1 ? dto.Count : null,
        FromCompletion = dto.FromCompletion,
    };

    /// <summary>"every 2 weeks on Mon and Wed", the same words the backend uses.</summary>
    public static string Describe(RecurrenceDto dto) => RecurrenceText.Describe(ToRule(dto));
}
