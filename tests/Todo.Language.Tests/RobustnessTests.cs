using System.Text;

namespace Todo.Language.Tests;

/// <summary>Random and hostile input: the parser never throws, titles never vanish, spans stay well-formed.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Fragments =
    [
        "every", "day", "2", "weeks", "on", "mon", "and", "the", "31st", "feb", "29", "30", "at", "5", "pm", "5pm",
        "12:61", "25:00", "in", "hours", "remind", "me", "to", "until", "for", "times", "after", "done", "!", "!!",
        "!high", "#", "#tag", "##", "#ÄÖÜ", "'", "\"", "“", "’", "tomorrow", "yesterday", "next", "this", "weekend",
        "end", "of", "month", "12/25", "13/13", "2026-02-30", "9999-12-31", "0000-01-01", "99999", "years", "half",
        "an", "hour", "o'clock", "@", ",", ".", "p.m.", "sat", "sun", "urgent", "low", "priority", "\t", "\n", "🙂",
        "\u0001", "-", "(", ")", "monthly", "on the", "every 0 days", "in 0 minutes", "x",
    ];

    [Fact]
    public void RandomMixesOfVocabularyNeverThrowAndKeepATitle()
    {
        var random = new Random(20260327);
        for (var run = 0; run < 3000; run++)
        {
            var words = Enumerable.Range(0, random.Next(1, 12)).Select(_ => Fragments[random.Next(Fragments.Length)]);
            var text = string.Join(random.Next(3) == 0 ? "" : " ", words);
            var zone = run % 2 == 0 ? Clock.Berlin : Clock.NewYork;

            var result = QuickAddParser.Parse(text, Clock.BerlinNow.AddHours(run), zone);

            AssertWellFormed(text, result);
            DateTimePhraseParser.TryParse(text, Clock.BerlinNow, zone, out _);
        }
    }

    [Fact]
    public void RandomCharactersNeverThrowAndKeepATitle()
    {
        var random = new Random(42);
        for (var run = 0; run < 2000; run++)
        {
            var builder = new StringBuilder();
            var length = random.Next(1, 60);
            for (var i = 0; i < length; i++)
            {
                builder.Append(random.Next(4) == 0 ? ' ' : (char)random.Next(1, 0x2FFF));
            }

            var text = builder.ToString();

            var result = QuickAddParser.Parse(text, Clock.BerlinNow, Clock.Berlin);

            AssertWellFormed(text, result);
            DateTimePhraseParser.TryParse(text, Clock.BerlinNow, Clock.Berlin, out _);
        }
    }

    [Theory]
    [InlineData("tomorrow 5pm", "tomorrow 5pm")]
    [InlineData("tomorrow #work !high", "tomorrow")]
    [InlineData("#work !high", "#work !high")]
    [InlineData("every day", "every day")]
    [InlineData("remind me to", "remind me to")]
    [InlineData("!", "!")]
    public void ATextThatIsAllRecognisedStillHasATitle(string text, string title)
    {
        Assert.Equal(title, Clock.InBerlin(text).Title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankTextGivesABlankTitleAndNothingElse(string text)
    {
        var result = Clock.InBerlin(text);

        Assert.Equal("", result.Title);
        Assert.Null(result.Due);
        Assert.Empty(result.Spans);
    }

    [Fact]
    public void ANowAtTheEndOfTheCalendarDoesNotThrow()
    {
        var result = QuickAddParser.Parse("Party on the 31st every month in 3 years", DateTimeOffset.MaxValue.AddDays(-2), TimeZoneInfo.Utc);

        Assert.NotEmpty(result.Title);
    }

    [Fact]
    public void AVeryLongTextIsParsedInOnePass()
    {
        var text = string.Concat(Enumerable.Repeat("buy milk tomorrow #x ", 5000));

        var result = Clock.InBerlin(text);

        Assert.Equal(["x"], result.Tags);
        Assert.StartsWith("buy milk buy milk", result.Title, StringComparison.Ordinal);
    }

    private static void AssertWellFormed(string text, QuickAddResult result)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Title), $"empty title for [{text}]");
        }

        var end = 0;
        foreach (var span in result.Spans)
        {
            Assert.True(span.Start >= end && span.Length > 0 && span.End <= text.Length, $"bad span {span} for [{text}]");
            end = span.End;
        }

        Assert.True(result.Tags.Count <= 10);
        Assert.All(result.Tags, tag => Assert.InRange(tag.Length, 1, 32));
    }
}
