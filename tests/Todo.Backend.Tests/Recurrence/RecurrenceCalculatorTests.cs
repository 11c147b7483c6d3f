using Todo.Backend.Features.Recurrence;
using Todo.Backend.Features.Tasks;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Recurrence;

public sealed class RecurrenceCalculatorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void DailyMovesToTheNextDayKeepingTheTime()
    {
        var next = RecurrenceCalculator.Next(new RecurrenceDto(RecurrenceFrequency.Daily), Due(2026, 3, 10, 9, 0), 1, new DateOnly(2026, 3, 10));

        Assert.Equal(Due(2026, 3, 11, 9, 0), next);
    }

    [Fact]
    public void EveryThreeDaysSkipsTwo()
    {
        var next = RecurrenceCalculator.Next(new RecurrenceDto(RecurrenceFrequency.Daily, 3), Due(2026, 3, 10), 1, new DateOnly(2026, 3, 10));

        Assert.Equal(Due(2026, 3, 13), next);
    }

    [Fact]
    public void WeeklyOnMondayAndWednesdayGoesToTheNextChosenDay()
    {
        var rule = new RecurrenceDto(RecurrenceFrequency.Weekly, Days: [DayOfWeek.Monday, DayOfWeek.Wednesday]);

        var fromMonday = RecurrenceCalculator.Next(rule, Due(2026, 3, 9, 18, 30), 1, new DateOnly(2026, 3, 9));
        var fromWednesday = RecurrenceCalculator.Next(rule, Due(2026, 3, 11, 18, 30), 1, new DateOnly(2026, 3, 11));

        Assert.Equal(Due(2026, 3, 11, 18, 30), fromMonday);
        Assert.Equal(Due(2026, 3, 16, 18, 30), fromWednesday);
    }

    [Fact]
    public void EveryTwoWeeksOnFridaySkipsAWeek()
    {
        var rule = new RecurrenceDto(RecurrenceFrequency.Weekly, 2, [DayOfWeek.Friday]);

        var next = RecurrenceCalculator.Next(rule, Due(2026, 3, 13), 1, new DateOnly(2026, 3, 13));

        Assert.Equal(Due(2026, 3, 27), next);
    }

    [Fact]
    public void MonthlyOnThe31stSkipsMonthsWithoutOne()
    {
        var rule = new RecurrenceDto(RecurrenceFrequency.Monthly, MonthDay: 31);

        var fromJanuary = RecurrenceCalculator.Next(rule, Due(2026, 1, 31), 1, new DateOnly(2026, 1, 31));
        var fromMarch = RecurrenceCalculator.Next(rule, Due(2026, 3, 31), 1, new DateOnly(2026, 3, 31));

        Assert.Equal(Due(2026, 3, 31), fromJanuary);
        Assert.Equal(Due(2026, 5, 31), fromMarch);
    }

    [Fact]
    public void YearlyOnTheLeapDayWaitsForTheNextLeapYear()
    {
        var next = RecurrenceCalculator.Next(new RecurrenceDto(RecurrenceFrequency.Yearly), Due(2028, 2, 29), 1, new DateOnly(2028, 2, 29));

        Assert.Equal(Due(2032, 2, 29), next);
    }

    [Fact]
    public void AcrossTheSpringDstChangeTheLocalTimeStaysAndTheInstantShifts()
    {
        var current = Due(2026, 3, 28, 9, 0);

        var next = RecurrenceCalculator.Next(new RecurrenceDto(RecurrenceFrequency.Daily), current, 1, new DateOnly(2026, 3, 28))!;

        Assert.Equal(Due(2026, 3, 29, 9, 0), next);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), TaskTimes.DueAt(current, Berlin));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), TaskTimes.DueAt(next, Berlin));
    }

    [Fact]
    public void ATimeInsideTheDstGapMovesForwardByTheGap()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), TaskTimes.DueAt(Due(2026, 3, 29, 2, 30), Berlin));
    }

    [Fact]
    public void AnAmbiguousAutumnTimeTakesTheFirstOccurrence()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), TaskTimes.DueAt(Due(2026, 10, 25, 2, 30), Berlin));
    }

    [Fact]
    public void AnOverdueDailyTaskCompletedLaterComesBackNotBeforeTheCompletionDay()
    {
        var next = RecurrenceCalculator.Next(new RecurrenceDto(RecurrenceFrequency.Daily), Due(2026, 3, 1), 1, new DateOnly(2026, 3, 5));

        Assert.Equal(Due(2026, 3, 5), next);
    }

    [Fact]
    public void FromCompletionCountsFromTheDayItWasDone()
    {
        var rule = new RecurrenceDto(RecurrenceFrequency.Daily, 3, FromCompletion: true);

        var next = RecurrenceCalculator.Next(rule, Due(2026, 3, 1, 8, 0), 1, new DateOnly(2026, 3, 5));

        Assert.Equal(Due(2026, 3, 8, 8, 0), next);
    }

    [Fact]
    public void ACountEndsTheSeries()
    {
        var rule = new RecurrenceDto(RecurrenceFrequency.Daily, Count: 3);

        Assert.NotNull(RecurrenceCalculator.Next(rule, Due(2026, 3, 1), 2, new DateOnly(2026, 3, 1)));
        Assert.Null(RecurrenceCalculator.Next(rule, Due(2026, 3, 2), 3, new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void AnEndDateEndsTheSeries()
    {
        var rule = new RecurrenceDto(RecurrenceFrequency.Weekly, Until: new DateOnly(2026, 3, 14));

        Assert.Equal(Due(2026, 3, 8), RecurrenceCalculator.Next(rule, Due(2026, 3, 1), 1, new DateOnly(2026, 3, 1)));
        Assert.Null(RecurrenceCalculator.Next(rule, Due(2026, 3, 8), 2, new DateOnly(2026, 3, 8)));
    }

    private static DueDto Due(int year, int month, int day, int? hour = null, int minute = 0) =>
        new(new DateOnly(year, month, day), hour is null ? null : new TimeOnly(hour.Value, minute));
}
