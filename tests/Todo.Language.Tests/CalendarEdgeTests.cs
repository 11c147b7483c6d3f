namespace Todo.Language.Tests;

/// <summary>DST changes, month ends, the 31st, leap days, past and impossible dates.</summary>
public sealed class CalendarEdgeTests
{
    [Fact]
    public void ATimeInTheSpringForwardGapMovesForwardByTheGap()
    {
        var result = Clock.InBerlin("Bake bread 2026-03-29 2:30");

        Clock.AssertDue(result, "2026-03-29", "02:30");
        // 02:30 does not exist that night in Berlin: read with the pre-gap offset it is 03:30 CEST.
        Assert.Equal(Clock.Utc("2026-03-29T01:30:00Z"), result.Due!.ToUtc(Clock.Berlin));
    }

    [Fact]
    public void InTwoHoursAcrossTheDstChangeIsTwoRealHours()
    {
        var now = new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(1));

        var result = QuickAddParser.Parse("Check oven in 2 hours", now, Clock.Berlin);

        // Two elapsed hours after 01:30 CET is 04:30 CEST, not the wall-clock 03:30.
        Clock.AssertDue(result, "2026-03-29", "04:30");
        Assert.Equal(Clock.Utc("2026-03-29T02:30:00Z"), result.Due!.ToUtc(Clock.Berlin));
    }

    [Fact]
    public void InOneHourIntoTheFallBackOverlapKeepsTheExactInstant()
    {
        // 02:30 CEST on 2026-10-25; an hour later the wall clock reads 02:30 again, now CET.
        var now = new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero);

        var result = QuickAddParser.Parse("Check oven in 1 hour", now, Clock.Berlin);

        Clock.AssertDue(result, "2026-10-25", "02:30");
        Assert.Equal(Clock.Utc("2026-10-25T01:30:00Z"), result.Due!.ToUtc(Clock.Berlin));
    }

    [Fact]
    public void AnAmbiguousFallBackTimeTakesTheEarlierInstant()
    {
        var result = Clock.InBerlin("Bake bread 2026-10-25 2:30");

        Assert.Equal(Clock.Utc("2026-10-25T00:30:00Z"), result.Due!.ToUtc(Clock.Berlin));
    }

    [Fact]
    public void EndOfMonthInALeapFebruaryIsTheTwentyNinth()
    {
        var now = new DateTimeOffset(2028, 2, 10, 12, 0, 0, TimeSpan.FromHours(1));

        var result = QuickAddParser.Parse("Report end of month", now, Clock.Berlin);

        Clock.AssertDue(result, "2028-02-29", null);
    }

    [Fact]
    public void EndOfMonthOnTheLastDayIsToday()
    {
        var now = new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.FromHours(2));

        Clock.AssertDue(QuickAddParser.Parse("Report eom", now, Clock.Berlin), "2026-03-31", null);
    }

    [Fact]
    public void TheThirtyFirstSkipsMonthsWithoutIt()
    {
        var now = new DateTimeOffset(2026, 4, 10, 12, 0, 0, TimeSpan.FromHours(2));

        var result = QuickAddParser.Parse("Pay bills on the 31st", now, Clock.Berlin);

        Clock.AssertDue(result, "2026-05-31", null);
    }

    [Fact]
    public void EveryMonthOnTheThirtyFirstStartsInTheNextMonthThatHasIt()
    {
        var now = new DateTimeOffset(2026, 4, 10, 12, 0, 0, TimeSpan.FromHours(2));

        var result = QuickAddParser.Parse("Pay bills every month on the 31st", now, Clock.Berlin);

        Clock.AssertDue(result, "2026-05-31", null);
        Assert.Equal(31, result.Recurrence!.ByMonthDay);
    }

    [Fact]
    public void FebTwentyNinthWithoutAYearWaitsForTheNextLeapYear()
    {
        Clock.AssertDue(Clock.InBerlin("Leap party feb 29"), "2028-02-29", null);
    }

    [Fact]
    public void FebTwentyNinthInALeapYearIsThatDay()
    {
        var now = new DateTimeOffset(2028, 1, 5, 12, 0, 0, TimeSpan.FromHours(1));

        Clock.AssertDue(QuickAddParser.Parse("Leap party feb 29", now, Clock.Berlin), "2028-02-29", null);
    }

    [Theory]
    [InlineData("Party feb 30", "'feb 30' is not a valid date")]
    [InlineData("Party 2027-02-29", "'2027-02-29' is not a valid date")]
    [InlineData("Party 13/45", "'13/45' is not a valid date")]
    [InlineData("Party the 31st of next month", "'the 31st of next month' is not a valid date (April has 30 days)")]
    [InlineData("Party yesterday", "'yesterday' is in the past")]
    [InlineData("Party 2020-01-01", "'2020-01-01' is in the past")]
    [InlineData("Party in 99999 years", "'in 99999 years' is too far in the future")]
    public void UnusableDatesStayInTheTitleAndBecomeWarnings(string text, string warning)
    {
        var result = Clock.InBerlin(text);

        Assert.Null(result.Due);
        Assert.Equal(text, result.Title);
        Assert.Equal([warning], result.Warnings);
    }

    [Fact]
    public void ASecondDateIsIgnoredWithAWarning()
    {
        var result = Clock.InBerlin("Call tomorrow friday");

        Clock.AssertDue(result, "2026-03-28", null);
        Assert.Equal("Call friday", result.Title);
        Assert.Equal(["'friday' was ignored because a date was already given"], result.Warnings);
    }

    [Fact]
    public void ATimeAlreadyPastTodayMeansTomorrow()
    {
        Clock.AssertDue(Clock.InBerlin("Stretch 8am"), "2026-03-28", "08:00");
        Clock.AssertDue(Clock.InBerlin("Stretch 8pm"), "2026-03-27", "20:00");
    }

    [Fact]
    public void WeekdayNamesAreMeasuredInTheUsersZone()
    {
        // 23:30 on Friday in New York is already Saturday in Berlin: "tomorrow" differs.
        var now = new DateTimeOffset(2026, 3, 27, 23, 30, 0, TimeSpan.FromHours(-4));

        Clock.AssertDue(QuickAddParser.Parse("Call tomorrow", now, Clock.NewYork), "2026-03-28", null);
        Clock.AssertDue(QuickAddParser.Parse("Call tomorrow", now, Clock.Berlin), "2026-03-29", null);
    }
}
