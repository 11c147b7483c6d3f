namespace Todo.Language.Tests;

/// <summary>Repeat phrases, read on Friday 2026-03-27 10:00 in Berlin, described back with <see cref="RecurrenceText"/>.</summary>
public sealed class RecurrencePhraseTableTests
{
    [Theory]
    [InlineData("Stand-up every day", "every day", "2026-03-27", null)]
    [InlineData("Stand-up daily", "every day", "2026-03-27", null)]
    [InlineData("Stand-up everyday", "every day", "2026-03-27", null)]
    [InlineData("Stand-up every weekday", "every weekday", "2026-03-27", null)]
    [InlineData("Stand-up every weekday at 9am", "every weekday", "2026-03-30", "09:00")]
    [InlineData("Stand-up every mon-fri 9am", "every weekday", "2026-03-30", "09:00")]
    [InlineData("Stand-up every day at 9am", "every day", "2026-03-28", "09:00")]
    [InlineData("Stand-up every day at 11am", "every day", "2026-03-27", "11:00")]
    [InlineData("Stand-up every morning", "every day", "2026-03-28", "09:00")]
    [InlineData("Stand-up every evening", "every day", "2026-03-27", "19:00")]
    [InlineData("Stand-up every morning at 7", "every day", "2026-03-28", "07:00")]
    [InlineData("Stand-up every evening at 8", "every day", "2026-03-27", "20:00")]
    [InlineData("Stand-up every weekend", "every weekend", "2026-03-28", null)]
    [InlineData("Stand-up every week", "every week", "2026-03-27", null)]
    [InlineData("Stand-up weekly", "every week", "2026-03-27", null)]
    [InlineData("Stand-up every 2 weeks", "every 2 weeks", "2026-03-27", null)]
    [InlineData("Stand-up every other week", "every 2 weeks", "2026-03-27", null)]
    [InlineData("Stand-up biweekly", "every 2 weeks", "2026-03-27", null)]
    [InlineData("Stand-up every monday", "every Monday", "2026-03-30", null)]
    [InlineData("Stand-up every friday", "every Friday", "2026-03-27", null)]
    [InlineData("Stand-up every sun", "every Sunday", "2026-03-29", null)]
    [InlineData("Stand-up every mon and wed", "every Mon and Wed", "2026-03-30", null)]
    [InlineData("Stand-up every mon, wed and fri", "every Mon, Wed and Fri", "2026-03-27", null)]
    [InlineData("Stand-up every tuesdays & thursdays", "every Tue and Thu", "2026-03-31", null)]
    [InlineData("Stand-up every 2 weeks on mon and wed", "every 2 weeks on Mon and Wed", "2026-03-30", null)]
    [InlineData("Stand-up weekly on thu", "every Thursday", "2026-04-02", null)]
    [InlineData("Stand-up every other friday at 4pm", "every 2 weeks on Fri", "2026-03-27", "16:00")]
    [InlineData("Stand-up every month", "every month", "2026-03-27", null)]
    [InlineData("Stand-up monthly", "every month", "2026-03-27", null)]
    [InlineData("Stand-up every month on the 1st", "every month on the 1st", "2026-04-01", null)]
    [InlineData("Stand-up every month on the 31st", "every month on the 31st", "2026-03-31", null)]
    [InlineData("Stand-up monthly on the 15th", "every month on the 15th", "2026-04-15", null)]
    [InlineData("Stand-up every 15th", "every month on the 15th", "2026-04-15", null)]
    [InlineData("Stand-up 1st of every month", "every month on the 1st", "2026-04-01", null)]
    [InlineData("Stand-up on the 31st of each month", "every month on the 31st", "2026-03-31", null)]
    [InlineData("Stand-up every 3 months", "every 3 months", "2026-03-27", null)]
    [InlineData("Stand-up every year", "every year", "2026-03-27", null)]
    [InlineData("Stand-up yearly", "every year", "2026-03-27", null)]
    [InlineData("Stand-up annually", "every year", "2026-03-27", null)]
    [InlineData("Stand-up every 3 days", "every 3 days", "2026-03-27", null)]
    [InlineData("Stand-up every 3 days until dec 31", "every 3 days, until Dec 31, 2026", "2026-03-27", null)]
    [InlineData("Stand-up daily for 5 times", "every day, 5 times", "2026-03-27", null)]
    [InlineData("Stand-up daily 10 times", "every day, 10 times", "2026-03-27", null)]
    [InlineData("Stand-up 3 days after done", "every 3 days after completion", "2026-03-27", null)]
    [InlineData("Stand-up every 2 weeks after completion", "every 2 weeks after completion", "2026-03-27", null)]
    [InlineData("Stand-up every week starting friday", "every week", "2026-04-03", null)]
    [InlineData("Stand-up tomorrow 5pm every week", "every week", "2026-03-28", "17:00")]
    [InlineData("Stand-up every monday from apr 15", "every Monday", "2026-04-20", null)]
    public void RepeatPhrasesBecomeRulesThatStartOnTheirFirstOccurrence(string text, string description, string date, string? time)
    {
        var result = Clock.InBerlin(text);

        Assert.Equal("Stand-up", result.Title);
        Assert.NotNull(result.Recurrence);
        Assert.Equal(description, RecurrenceText.Describe(result.Recurrence));
        Clock.AssertDue(result, date, time);
    }

    [Fact]
    public void EveryMonAndWedListsBothDaysOnAWeeklyRule()
    {
        var rule = Clock.InBerlin("Gym every mon and wed").Recurrence;

        Assert.Equal(new Recurrence(Frequency.Weekly) { ByDays = [DayOfWeek.Monday, DayOfWeek.Wednesday] }, rule);
    }

    [Fact]
    public void UntilAndCountAndAfterDoneAllLandOnOneRule()
    {
        var rule = Clock.InBerlin("Water every 2 days after done until dec 31 for 5 times").Recurrence;

        Assert.Equal(
            new Recurrence(Frequency.Daily, 2) { Until = new DateOnly(2026, 12, 31), Count = 5, FromCompletion = true },
            rule);
    }

    [Fact]
    public void AnAdverbUsedAsAnAdjectiveGivesWayToAnExplicitRule()
    {
        var result = Clock.InBerlin("Weekly review every sunday evening");

        Assert.Equal("Weekly review", result.Title);
        Assert.Equal(new Recurrence(Frequency.Weekly) { ByDays = [DayOfWeek.Sunday] }, result.Recurrence);
        Clock.AssertDue(result, "2026-03-29", "19:00");
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void HourlyRepeatsAreReportedAndNotUsed()
    {
        var result = Clock.InBerlin("Drink water every 2 hours");

        Assert.Null(result.Recurrence);
        Assert.Equal("Drink water every 2 hours", result.Title);
        Assert.Contains(result.Warnings, w => w.Contains("every 2 hours", StringComparison.Ordinal));
    }

    [Fact]
    public void CountWithoutARepeatRuleStaysInTheTitle()
    {
        var result = Clock.InBerlin("Knock 3 times");

        Assert.Null(result.Recurrence);
        Assert.Equal("Knock 3 times", result.Title);
    }

    [Fact]
    public void UntilWithoutARepeatRuleIsTheDueDate()
    {
        var result = Clock.InBerlin("Work on report until friday");

        Assert.Null(result.Recurrence);
        Assert.Equal("Work on report", result.Title);
        Clock.AssertDue(result, "2026-04-03", null);
    }

    [Fact]
    public void UntilWithoutARepeatRuleAfterADueDateIsIgnoredWithAWarning()
    {
        var result = Clock.InBerlin("Vacation from may 1 until may 10");

        Clock.AssertDue(result, "2026-05-01", null);
        Assert.Equal("Vacation until may 10", result.Title);
        Assert.Equal(["'until may 10' was ignored because a date was already given"], result.Warnings);
    }

    [Fact]
    public void ASecondRepeatRuleIsIgnoredWithAWarning()
    {
        var result = Clock.InBerlin("Stretch daily weekly");

        Assert.Equal(new Recurrence(Frequency.Daily), result.Recurrence);
        Assert.Equal("Stretch weekly", result.Title);
        Assert.Single(result.Warnings);
    }
}
