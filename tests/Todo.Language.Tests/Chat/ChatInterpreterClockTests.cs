using Microsoft.Extensions.Time.Testing;
using Todo.Language.Chat;

namespace Todo.Language.Tests.Chat;

public sealed class ChatInterpreterClockTests
{
    [Fact]
    public void TheInterpreterReadsRelativeTimesFromTheInjectedClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 23, 0, 0, TimeSpan.FromHours(-5)));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var before = (ToolIntent)ChatInterpreter.Interpret("add water plants in 3 hours", time.GetUtcNow(), zone);
        time.Advance(TimeSpan.FromHours(1));
        var after = (ToolIntent)ChatInterpreter.Interpret("add water plants in 3 hours", time.GetUtcNow(), zone);

        // 23:00 EST + 3 h is 03:00 EDT on the day the clocks spring forward (02:00 → 03:00).
        Assert.Equal("2026-03-08", (string?)before.Arguments["dueDate"]);
        Assert.Equal("03:00", (string?)before.Arguments["dueTime"]);
        Assert.Equal("04:00", (string?)after.Arguments["dueTime"]);
    }
}
