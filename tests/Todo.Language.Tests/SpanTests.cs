namespace Todo.Language.Tests;

public sealed class SpanTests
{
    [Fact]
    public void SpansCoverExactlyTheRecognisedCharacters()
    {
        const string text = "Call mom tomorrow 5pm every week !high #family";

        var result = Clock.InBerlin(text);

        Assert.Equal(
            [
                ("tomorrow", SpanKind.Date),
                ("5pm", SpanKind.Time),
                ("every week", SpanKind.Recurrence),
                ("!high", SpanKind.Priority),
                ("#family", SpanKind.Tag),
            ],
            result.Spans.Select(s => (text.Substring(s.Start, s.Length), s.Kind)));
        Assert.Equal(new RecognizedSpan(9, 8, SpanKind.Date), result.Spans[0]);
    }

    [Fact]
    public void SpansIncludeLeadInWordsAndInnerPunctuationButNotTrailingPunctuation()
    {
        const string text = "Xmas on December 25th, 2027. (urgent) remind me at 9am to wrap";

        var result = Clock.InBerlin(text);

        Assert.Equal(
            [
                ("on December 25th, 2027", SpanKind.Date),
                ("urgent", SpanKind.Priority),
                ("remind me at 9am to", SpanKind.Reminder),
            ],
            result.Spans.Select(s => (text.Substring(s.Start, s.Length), s.Kind)));
        Assert.Equal("Xmas. wrap", result.Title);
    }

    [Fact]
    public void SpansForRepeatModifiersAreReportedAsRecurrence()
    {
        const string text = "Pills daily until dec 31 for 5 times after done";

        var result = Clock.InBerlin(text);

        Assert.Equal(
            ["daily", "until dec 31", "for 5 times", "after done"],
            result.Spans.Select(s => text.Substring(s.Start, s.Length)));
        Assert.All(result.Spans, s => Assert.Equal(SpanKind.Recurrence, s.Kind));
    }

    [Fact]
    public void RejectedPhrasesHaveNoSpan()
    {
        const string text = "Party feb 30 yesterday";

        var result = Clock.InBerlin(text);

        Assert.Empty(result.Spans);
        Assert.Equal(text, result.Title);
    }
}
