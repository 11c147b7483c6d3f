namespace Todo.Language.Tests;

public sealed class ZonedTimeTests
{
    [Theory]
    [InlineData("2026-03-08", "02:30", "2026-03-08T07:30:00Z")] // gap: 02:30 EST reading = 03:30 EDT
    [InlineData("2026-03-08", "03:30", "2026-03-08T07:30:00Z")]
    [InlineData("2026-11-01", "01:30", "2026-11-01T05:30:00Z")] // overlap: the first 01:30 (EDT)
    [InlineData("2026-11-01", "02:30", "2026-11-01T07:30:00Z")]
    [InlineData("2026-07-04", "12:00", "2026-07-04T16:00:00Z")]
    public void NewYorkWallClockTimesResolveAcrossDstChanges(string date, string time, string utc)
    {
        Assert.Equal(Clock.Utc(utc), ZonedTime.ToUtc(Clock.Date(date), Clock.Time(time), Clock.NewYork));
    }

    [Fact]
    public void TheResultHasAZeroOffset()
    {
        var instant = ZonedTime.ToUtc(new DateOnly(2026, 6, 1), new TimeOnly(9, 0), Clock.Berlin);

        Assert.Equal(TimeSpan.Zero, instant.Offset);
        Assert.Equal(Clock.Utc("2026-06-01T07:00:00Z"), instant);
    }
}
