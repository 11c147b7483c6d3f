namespace Todo.Language.Tests;

public sealed class PriorityAndTagTests
{
    [Theory]
    [InlineData("Fix bug !high", Priority.High)]
    [InlineData("Fix bug !h", Priority.High)]
    [InlineData("Fix bug !1", Priority.High)]
    [InlineData("Fix bug !!!", Priority.High)]
    [InlineData("Fix bug high priority", Priority.High)]
    [InlineData("Fix bug urgent", Priority.High)]
    [InlineData("Urgent: fix bug", Priority.High)]
    [InlineData("Fix bug (important)", Priority.High)]
    [InlineData("Fix bug !medium", Priority.Medium)]
    [InlineData("Fix bug !med", Priority.Medium)]
    [InlineData("Fix bug !m", Priority.Medium)]
    [InlineData("Fix bug !2", Priority.Medium)]
    [InlineData("Fix bug !!", Priority.Medium)]
    [InlineData("Fix bug medium priority", Priority.Medium)]
    [InlineData("Fix bug !low", Priority.Low)]
    [InlineData("Fix bug !l", Priority.Low)]
    [InlineData("Fix bug !3", Priority.Low)]
    [InlineData("Fix bug !", Priority.Low)]
    [InlineData("Fix bug low priority", Priority.Low)]
    [InlineData("Fix bug priority: low", Priority.Low)]
    [InlineData("Fix bug", Priority.None)]
    public void PriorityMarkersAndWordsSetThePriorityAndLeaveTheTitle(string text, Priority priority)
    {
        var result = Clock.InBerlin(text);

        Assert.Equal(priority, result.Priority);
        Assert.Equal(text.StartsWith("Urgent", StringComparison.Ordinal) ? "fix bug" : "Fix bug", result.Title);
    }

    [Theory]
    [InlineData("Fix bug p1", Priority.High, "Fix bug")]
    [InlineData("p1 Fix bug", Priority.High, "Fix bug")]
    [InlineData("Fix bug P2", Priority.Medium, "Fix bug")]
    [InlineData("Fix bug p3 tomorrow", Priority.Low, "Fix bug")]
    [InlineData("Fix bug p4", Priority.None, "Fix bug")]
    [InlineData("Fix bug priority 1", Priority.High, "Fix bug")]
    [InlineData("Fix bug priority 4", Priority.None, "Fix bug")]
    [InlineData("Fix bug #work p2", Priority.Medium, "Fix bug")]
    [InlineData("Fix p5 bug", Priority.None, "Fix p5 bug")]
    [InlineData("Review p1p2 diff", Priority.None, "Review p1p2 diff")]
    public void TodoistPrioritiesP1ToP4AreReadAndLeaveTheTitle(string text, Priority priority, string title)
    {
        var result = Clock.InBerlin(text);

        Assert.Equal(priority, result.Priority);
        Assert.Equal(title, result.Title);
    }

    [Theory]
    [InlineData("Submit timesheet by end of day")]
    [InlineData("Submit timesheet by the end of the day")]
    [InlineData("Submit timesheet eod")]
    [InlineData("Submit timesheet by EOD")]
    [InlineData("Submit timesheet by close of business")]
    [InlineData("Submit timesheet by end of business day")]
    public void EndOfDayPhrasesAreTodayAndLeaveTheTitle(string text)
    {
        var result = Clock.InBerlin(text);

        Assert.Equal("Submit timesheet", result.Title);
        Clock.AssertDue(result, "2026-03-27", null);
    }

    [Fact]
    public void UnknownBangWordsStayInTheTitle()
    {
        var result = Clock.InBerlin("Fix !foo bug");

        Assert.Equal(Priority.None, result.Priority);
        Assert.Equal("Fix !foo bug", result.Title);
    }

    [Fact]
    public void AConflictingPriorityWordKeepsTheFirstAndWarns()
    {
        var result = Clock.InBerlin("Fix bug !low urgent");

        Assert.Equal(Priority.Low, result.Priority);
        Assert.Equal("Fix bug urgent", result.Title);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void TagsAreLowerCaseDeduplicatedAndInOrder()
    {
        var result = Clock.InBerlin("Plan #Work trip #home-office #work #side_project");

        Assert.Equal(["work", "home-office", "side_project"], result.Tags);
        Assert.Equal("Plan trip", result.Title);
    }

    [Fact]
    public void TodoistAtLabelsAreTagsButAtTimesAndEmailAddressesAreNot()
    {
        var labelled = Clock.InBerlin("Buy stamps @errands #post @Errands");
        Assert.Equal(["errands", "post"], labelled.Tags);
        Assert.Equal("Buy stamps", labelled.Title);

        var timed = Clock.InBerlin("Call Bob tomorrow @ 5pm");
        Assert.Empty(timed.Tags);
        Assert.Empty(Clock.InBerlin("Call Bob @5pm").Tags);
        Clock.AssertDue(timed, "2026-03-28", "17:00");

        var mailed = Clock.InBerlin("Email bob@example.com the slides");
        Assert.Empty(mailed.Tags);
        Assert.Equal("Email bob@example.com the slides", mailed.Title);
    }

    [Fact]
    public void TagsStopAtPunctuationAndSkipBareHashes()
    {
        var result = Clock.InBerlin("Ship it #release, then # rest #a+b");

        Assert.Equal(["release"], result.Tags);
        Assert.Equal("Ship it, then # rest #a+b", result.Title);
    }

    [Fact]
    public void AtMostTenTagsAreKept()
    {
        var text = "Pack " + string.Join(' ', Enumerable.Range(1, 12).Select(i => $"#t{i}"));

        var result = Clock.InBerlin(text);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"t{i}"), result.Tags);
        Assert.Equal("Pack #t11 #t12", result.Title);
        Assert.Equal(2, result.Warnings.Count);
    }

    [Fact]
    public void TagsLongerThanThirtyTwoCharactersAreNotUsed()
    {
        var longTag = new string('x', 33);
        var okTag = new string('y', 32);

        var result = Clock.InBerlin($"Pack #{longTag} #{okTag}");

        Assert.Equal([okTag], result.Tags);
        Assert.Equal($"Pack #{longTag}", result.Title);
        Assert.Contains(result.Warnings, w => w.Contains(longTag, StringComparison.Ordinal));
    }

    [Fact]
    public void TagsAndDatesInsideQuotesAreLeftAlone()
    {
        var result = Clock.InBerlin("Tweet \"#blessed friday\" tomorrow");

        Assert.Empty(result.Tags);
        Assert.Equal("Tweet \"#blessed friday\"", result.Title);
        Clock.AssertDue(result, "2026-03-28", null);
    }

    [Fact]
    public void TheBriefsExampleReadsEveryPart()
    {
        var result = Clock.InBerlin("Call mom tomorrow 5pm every week !high #family");

        Assert.Equal("Call mom", result.Title);
        Clock.AssertDue(result, "2026-03-28", "17:00");
        Assert.Equal(new Recurrence(Frequency.Weekly), result.Recurrence);
        Assert.Equal(Priority.High, result.Priority);
        Assert.Equal(["family"], result.Tags);
        Assert.Empty(result.Warnings);
    }
}
