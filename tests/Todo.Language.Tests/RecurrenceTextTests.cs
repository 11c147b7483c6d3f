namespace Todo.Language.Tests;

public sealed class RecurrenceTextTests
{
    public static TheoryData<Recurrence, string> Rules => new()
    {
        { new Recurrence(Frequency.Daily), "every day" },
        { new Recurrence(Frequency.Daily, 3) { FromCompletion = true }, "every 3 days after completion" },
        { new Recurrence(Frequency.Weekly) { ByDays = [DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Tuesday, DayOfWeek.Thursday] }, "every weekday" },
        { new Recurrence(Frequency.Weekly) { ByDays = [DayOfWeek.Sunday, DayOfWeek.Saturday] }, "every weekend" },
        { new Recurrence(Frequency.Weekly), "every week" },
        { new Recurrence(Frequency.Weekly) { ByDays = [DayOfWeek.Monday] }, "every Monday" },
        { new Recurrence(Frequency.Weekly, 2) { ByDays = [DayOfWeek.Wednesday, DayOfWeek.Monday] }, "every 2 weeks on Mon and Wed" },
        { new Recurrence(Frequency.Weekly, 2) { ByDays = [DayOfWeek.Sunday] }, "every 2 weeks on Sun" },
        { new Recurrence(Frequency.Weekly) { ByDays = [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Friday] }, "every Mon, Fri and Sun" },
        { new Recurrence(Frequency.Monthly) { ByMonthDay = 31 }, "every month on the 31st" },
        { new Recurrence(Frequency.Monthly, 6) { ByMonthDay = 2 }, "every 6 months on the 2nd" },
        { new Recurrence(Frequency.Monthly) { ByMonthDay = 13 }, "every month on the 13th" },
        { new Recurrence(Frequency.Monthly) { ByMonthDay = 23 }, "every month on the 23rd" },
        { new Recurrence(Frequency.Yearly), "every year" },
        { new Recurrence(Frequency.Yearly, 2), "every 2 years" },
        { new Recurrence(Frequency.Daily) { Until = new DateOnly(2026, 12, 31) }, "every day, until Dec 31, 2026" },
        { new Recurrence(Frequency.Weekly) { Count = 5 }, "every week, 5 times" },
        { new Recurrence(Frequency.Weekly) { Count = 1 }, "every week, once" },
        { new Recurrence(Frequency.Daily, 2) { FromCompletion = true, Until = new DateOnly(2027, 1, 5), Count = 3 }, "every 2 days after completion, until Jan 5, 2027, 3 times" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void EachRuleReadsAsShortEnglish(Recurrence rule, string text)
    {
        Assert.Equal(text, RecurrenceText.Describe(rule));
        Assert.Equal(text, rule.ToString());
    }

    [Fact]
    public void RulesWithTheSameDaysInAnyOrderAreEqual()
    {
        var a = new Recurrence(Frequency.Weekly) { ByDays = [DayOfWeek.Wednesday, DayOfWeek.Monday] };
        var b = new Recurrence(Frequency.Weekly) { ByDays = [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Monday] };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Interval = 2 });
    }

    [Fact]
    public void InvalidRuleValuesAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Recurrence(Frequency.Daily, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Recurrence(Frequency.Monthly) { ByMonthDay = 32 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Recurrence(Frequency.Daily) { Count = 0 });
    }
}
