namespace Todo.Language.Tests;

public sealed class DateTimePhraseParserTests
{
    [Theory]
    [InlineData("to friday", "2026-04-03", null)]
    [InlineData("friday", "2026-04-03", null)]
    [InlineData("until 5pm", "2026-03-27", "17:00")]
    [InlineData("till tomorrow 9am", "2026-03-28", "09:00")]
    [InlineData("tomorrow at 9", "2026-03-28", "09:00")]
    [InlineData("to next week", "2026-03-30", null)]
    [InlineData("in 3 days", "2026-03-30", null)]
    [InlineData("to dec 25", "2026-12-25", null)]
    [InlineData("to 2026-04-01 14:00", "2026-04-01", "14:00")]
    [InlineData("until tonight", "2026-03-27", "20:00")]
    [InlineData("to the 15th", "2026-04-15", null)]
    [InlineData("until 8am", "2026-03-28", "08:00")]
    public void CommandPhrasesResolveLikeQuickAdd(string phrase, string date, string? time)
    {
        Assert.True(DateTimePhraseParser.TryParse(phrase, Clock.BerlinNow, Clock.Berlin, out var when));

        Assert.Equal(Clock.Date(date), when.Date);
        Assert.Equal(time is null ? null : Clock.Time(time), when.Time);
    }

    [Theory]
    [InlineData("10 minutes", "2026-03-27T09:10:00Z")]
    [InlineData("for 10 minutes", "2026-03-27T09:10:00Z")]
    [InlineData("2h", "2026-03-27T11:00:00Z")]
    [InlineData("an hour", "2026-03-27T10:00:00Z")]
    [InlineData("half an hour", "2026-03-27T09:30:00Z")]
    [InlineData("in 45 seconds", "2026-03-27T09:00:45Z")]
    [InlineData("1h 30m", "2026-03-27T10:30:00Z")]
    [InlineData("2 hours and 15 minutes", "2026-03-27T11:15:00Z")]
    public void SnoozeDurationsAreExactInstantsFromNow(string phrase, string utc)
    {
        Assert.True(DateTimePhraseParser.TryParse(phrase, Clock.BerlinNow, Clock.Berlin, out var when));

        Assert.Equal(Clock.Utc(utc), when.Instant);
        Assert.Equal(Clock.Utc(utc), when.ToUtc(Clock.Berlin));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("banana")]
    [InlineData("friday banana")]
    [InlineData("to")]
    [InlineData("yesterday")]
    [InlineData("feb 30")]
    [InlineData("friday monday")]
    [InlineData("5pm 6pm")]
    [InlineData("in 2 hours at 5pm")]
    [InlineData("\"friday\"")]
    public void PhrasesWithAnythingButOneWhenAreRejected(string? phrase)
    {
        Assert.False(DateTimePhraseParser.TryParse(phrase, Clock.BerlinNow, Clock.Berlin, out var when));
        Assert.Null(when);
    }

    [Fact]
    public void DateOnlyResultsConvertAtTheRequestedTimeOfDay()
    {
        Assert.True(DateTimePhraseParser.TryParse("to friday", Clock.NewYorkNow, Clock.NewYork, out var when));

        Assert.Equal(Clock.Utc("2026-04-03T04:00:00Z"), when.ToUtc(Clock.NewYork));
        Assert.Equal(Clock.Utc("2026-04-03T13:00:00Z"), when.ToUtc(Clock.NewYork, new TimeOnly(9, 0)));
    }
}
