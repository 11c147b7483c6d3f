using Todo.Language.Chat;

namespace Todo.Language.Tests.Chat;

public sealed class TypoTests
{
    [Theory]
    [InlineData("fridya", "friday", 1)]
    [InlineData("tomorow", "tomorrow", 1)]
    [InlineData("wensday", "wednesday", 2)]
    [InlineData("milk", "milk", 0)]
    public void EditDistanceCountsASwapOfNeighboursAsOneSlip(string a, string b, int distance)
    {
        Assert.Equal(distance, EditDistance.Between(a, b));
    }

    [Theory]
    [InlineData("call mom tomorow", "tomorow", "tomorrow")]
    [InlineData("gym on fridya", "fridya", "friday")]
    public void AMisspeltDateWordIsSpotted(string text, string typo, string meant)
    {
        Assert.Equal((typo, meant), DateTypos.Find(text));
    }

    [Theory]
    [InlineData("sundae party")]
    [InlineData("night shift")]
    public void RealWordsNearADateWordAreNotTypos(string text)
    {
        Assert.Null(DateTypos.Find(text));
    }

    [Fact]
    public void ATitleIsFoundByWordStemsAndByOneSlipOnlyAsAGuess()
    {
        string[] titles = ["Buy milk", "Call grandma", "Plan the offsite"];

        Assert.Equal(["Buy milk"], TaskMatcher.Best("I bought the milk", titles, t => t));
        Assert.Equal(["Plan the offsite"], TaskMatcher.Best("the offsite planning", titles, t => t));
        Assert.Empty(TaskMatcher.Best("buy mlik", titles, t => t));
        Assert.Equal(["Buy milk"], TaskMatcher.Typo("buy mlik", titles, t => t));
    }
}
