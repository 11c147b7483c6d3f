using Todo.Contracts.Tasks;

namespace Todo.Language.Tests;

/// <summary>Wire recurrences (as the backend stores them) read with the same words as recognised rules.</summary>
public sealed class RecurrenceMapperTests
{
    [Theory]
    [InlineData(RecurrenceFrequency.Daily, 1, "", null, null, null, false, "every day")]
    [InlineData(RecurrenceFrequency.Weekly, 2, "Monday,Wednesday", null, null, null, false, "every 2 weeks on Mon and Wed")]
    [InlineData(RecurrenceFrequency.Weekly, 1, "Friday,Monday,Tuesday,Thursday,Wednesday", null, null, null, false, "every weekday")]
    [InlineData(RecurrenceFrequency.Monthly, 1, "", 31, null, null, false, "every month on the 31st")]
    [InlineData(RecurrenceFrequency.Monthly, 1, "", 22, null, 5, false, "every month on the 22nd, 5 times")]
    [InlineData(RecurrenceFrequency.Daily, 3, "", null, null, null, true, "every 3 days after completion")]
    [InlineData(RecurrenceFrequency.Yearly, 1, "", null, "2030-12-31", null, false, "every year, until Dec 31, 2030")]
    public void SummariesReadNaturally(RecurrenceFrequency frequency, int interval, string days, int? monthDay, string? until, int? count, bool fromCompletion, string expected)
    {
        var rule = new RecurrenceDto(frequency, interval,
            days.Length == 0 ? null : days.Split(',').Select(Enum.Parse<DayOfWeek>).ToList(),
            monthDay, until is null ? null : DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture), count, fromCompletion);

        Assert.Equal(expected, RecurrenceMapper.Describe(rule));
    }

    [Fact]
    public void ARuleSurvivesTheWireBothWays()
    {
        var rule = new Recurrence(Frequency.Weekly, 2) { ByDays = [DayOfWeek.Wednesday, DayOfWeek.Monday], Until = new DateOnly(2027, 1, 5), Count = 3, FromCompletion = true };

        Assert.Equal(rule, RecurrenceMapper.ToRule(RecurrenceMapper.ToDto(rule)));
        Assert.Null(RecurrenceMapper.ToDto(new Recurrence(Frequency.Weekly)).Days);
    }
}
