namespace Todo.Language.Tests;

public sealed class ReminderTests
{
    [Fact]
    public void RemindMeWithADueTimeRemindsAtTheDueTime()
    {
        var result = Clock.InBerlin("Call mom tomorrow at 5pm remind me");

        Assert.Equal("Call mom", result.Title);
        Assert.Equal(Clock.Utc("2026-03-28T16:00:00Z"), result.Reminder);
    }

    [Fact]
    public void RemindMeToWithOnlyADateRemindsAtNineThatDay()
    {
        var result = Clock.InBerlin("remind me to call mom tomorrow");

        Assert.Equal("call mom", result.Title);
        Clock.AssertDue(result, "2026-03-28", null);
        Assert.Equal(Clock.Utc("2026-03-28T08:00:00Z"), result.Reminder);
    }

    [Fact]
    public void RemindMeAtATimeWithNoOtherDateAlsoSetsTheDueTime()
    {
        var result = Clock.InBerlin("remind me at 5pm to call mom");

        Assert.Equal("call mom", result.Title);
        Clock.AssertDue(result, "2026-03-27", "17:00");
        Assert.Equal(Clock.Utc("2026-03-27T16:00:00Z"), result.Reminder);
    }

    [Fact]
    public void RemindMeAtATimeTakesItsDateFromTheDueDateAfterTheDstChange()
    {
        var result = Clock.InBerlin("Pay rent friday remind me at 8am");

        Assert.Equal("Pay rent", result.Title);
        Clock.AssertDue(result, "2026-04-03", null);
        Assert.Equal(Clock.Utc("2026-04-03T06:00:00Z"), result.Reminder);
    }

    [Fact]
    public void RemindMeInMinutesIsThatManyMinutesFromNow()
    {
        var result = Clock.InBerlin("remind me in 10 minutes to stretch");

        Assert.Equal("stretch", result.Title);
        Assert.Equal(Clock.Utc("2026-03-27T09:10:00Z"), result.Reminder);
    }

    [Fact]
    public void RemindMeWithoutAnyDateWarnsAndSetsNoReminder()
    {
        var result = Clock.InBerlin("remind me to stretch");

        Assert.Equal("stretch", result.Title);
        Assert.Null(result.Reminder);
        Assert.Null(result.Due);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void AReminderThatHasAlreadyPassedIsDroppedWithAWarning()
    {
        var result = Clock.InBerlin("Call mom today remind me");

        Assert.Null(result.Reminder);
        Assert.Contains(result.Warnings, w => w.Contains("already passed", StringComparison.Ordinal));
    }

    [Fact]
    public void ARepeatingReminderTimeStartsAtItsNextOccurrence()
    {
        var result = Clock.InBerlin("remind me at 9am every day to stretch");

        Assert.Equal("stretch", result.Title);
        Clock.AssertDue(result, "2026-03-28", "09:00");
        Assert.Equal(Clock.Utc("2026-03-28T08:00:00Z"), result.Reminder);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void WithoutRemindMeThereIsNoReminder()
    {
        Assert.Null(Clock.InBerlin("Call mom tomorrow at 5pm").Reminder);
    }
}
