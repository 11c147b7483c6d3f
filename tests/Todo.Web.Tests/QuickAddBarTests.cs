using Microsoft.AspNetCore.Components.Web;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests;

public sealed class QuickAddBarTests : MudTestContext
{
    [Fact]
    public void TypingHighlightsTheRecognisedPartsAndPreviewsTheTask()
    {
        var bar = Render<QuickAddBar>();

        bar.Find("#quick-add-input").Input("Call mom tomorrow at 5pm !high #family");

        var marks = bar.FindAll(".quick-add-highlight mark").Select(m => (m.ClassList.Last(), m.TextContent)).ToArray();
        Assert.Contains(("qa-priority", "!high"), marks);
        Assert.Contains(("qa-tag", "#family"), marks);
        Assert.Contains(marks, m => m.Item1 is "qa-date" or "qa-time");
        Assert.Equal("Call mom", bar.Find(".qa-title").TextContent);
        Assert.Equal("Tomorrow 17:00", bar.Find(".preview-due").TextContent.Trim());
        Assert.Equal("high", bar.Find(".preview-priority").TextContent.Trim());
        Assert.Equal("#family", bar.Find(".preview-tag").TextContent.Trim());
    }

    [Fact]
    public void UnrecognisedTextIsShownPlainAndNothingIsHighlighted()
    {
        var bar = Render<QuickAddBar>();

        bar.Find("#quick-add-input").Input("Buy milk");

        Assert.Empty(bar.FindAll(".quick-add-highlight mark"));
        Assert.Equal("Buy milk", bar.Find(".quick-add-highlight").TextContent);
    }

    [Fact]
    public async Task EnterAddsTheParsedTaskAndClearsTheBar()
    {
        CreateTaskRequest? added = null;
        var bar = Render<QuickAddBar>(p => p.Add(b => b.OnAdd, request => { added = request; return Task.FromResult(true); }));

        bar.Find("#quick-add-input").Input("Water plants every monday #home");
        await bar.Find("#quick-add-input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        Assert.NotNull(added);
        Assert.Equal("Water plants", added.Title);
        Assert.Equal(["home"], added.Tags);
        Assert.Equal(RecurrenceFrequency.Weekly, added.Recurrence?.Frequency);
        Assert.Equal([DayOfWeek.Monday], added.Recurrence?.Days);
        Assert.Equal(new DateOnly(2026, 3, 16), added.Due?.Date);
        bar.WaitForAssertion(() => Assert.Empty(bar.FindAll("#quick-add-preview")));
    }

    [Fact]
    public async Task TextWithOnlyATagAPriorityAndADateAsksForATitleAndAddsNothing()
    {
        var added = 0;
        var bar = Render<QuickAddBar>(p => p.Add(b => b.OnAdd, _ => { added++; return Task.FromResult(true); }));

        bar.Find("#quick-add-input").Input("#onlytag !high tomorrow");
        await bar.Find("#quick-add-input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(0, added);
        Assert.Contains("Add a title", bar.Find("#quick-add-needs-title").TextContent);
        Assert.Empty(bar.FindAll(".qa-title"));
    }

    [Fact]
    public void ThePreviewsPriorityChipHasTheRowsColour()
    {
        var bar = Render<QuickAddBar>();

        bar.Find("#quick-add-input").Input("Pay rent !high");

        Assert.Contains("mud-chip-color-error", bar.Find(".preview-priority").ClassName);
    }
}
