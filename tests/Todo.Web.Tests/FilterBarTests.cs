using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Tasks;
using Todo.Web.Features.Backend;

namespace Todo.Web.Tests;

public sealed class FilterBarTests : MudTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task SearchingPutsTheTextInTheUrlOnceTypingPauses()
    {
        var navigated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Navigation.LocationChanged += (_, e) => navigated.TrySetResult(e.Location);
        var bar = Render<FilterBar>(p => p.Add(b => b.Filter, new TaskFilter()));

        bar.Find("#search-input").Input("milk");
        // MudBlazor's debounce runs on the injected TimeProvider.
        Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("http://localhost/?q=milk", await navigated.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task ChoosingFiltersAddsThemToTheUrlNextToTheOnesThere()
    {
        Navigation.NavigateTo("/?q=milk");
        var bar = Render<FilterBar>(p => p.Add(b => b.Filter, new TaskFilter("milk")).Add(b => b.Tags, [new TagCount("home", 2)]));
        Assert.Equal(["Any", "#home (2)"], bar.FindAll("#filter-tag option").Select(o => o.TextContent));

        await bar.Find("#filter-priority").ChangeAsync(new ChangeEventArgs { Value = "high" });
        Assert.Equal("http://localhost/?q=milk&priority=high", Navigation.Uri);

        await bar.Find("#filter-tag").ChangeAsync(new ChangeEventArgs { Value = "home" });
        Assert.Equal("http://localhost/?q=milk&priority=high&tag=home", Navigation.Uri);
    }

    [Fact]
    public async Task EachDropDownShowsItsChoiceAndItsEmptyChoiceClearsIt()
    {
        Navigation.NavigateTo("/?priority=high&tag=gone");
        var bar = Render<FilterBar>(p => p.Add(b => b.Filter, new TaskFilter(Priority: TaskPriority.High, Tag: "gone")).Add(b => b.Tags, [new TagCount("home", 2)]));

        Assert.Equal("high", bar.Find("#filter-priority").GetAttribute("value"));
        Assert.Equal(["Any", "Open", "Completed"], bar.FindAll("#filter-status option").Select(o => o.TextContent));
        Assert.Equal("Priority", bar.Find("#filter-priority").ParentElement!.QuerySelector(".filter-select-label")!.TextContent);
        // A tag in the URL that no open task has any more is still shown as chosen, not silently as "Any".
        Assert.Equal(["Any", "#home (2)", "#gone"], bar.FindAll("#filter-tag option").Select(o => o.TextContent));
        Assert.Contains("filter-select-set", bar.Find("#filter-tag").ParentElement!.ClassName);
        Assert.DoesNotContain("filter-select-set", bar.Find("#filter-due").ParentElement!.ClassName);

        await bar.Find("#filter-priority").ChangeAsync(new ChangeEventArgs { Value = "" });
        Assert.Equal("http://localhost/?tag=gone", Navigation.Uri);
    }

    [Fact]
    public void ClearRemovesEveryFilterFromTheUrl()
    {
        Navigation.NavigateTo("/?q=milk&priority=high&due=today&open=t1");
        var bar = Render<FilterBar>(p => p.Add(b => b.Filter, new TaskFilter("milk", Priority: TaskPriority.High, Due: "today")));

        bar.Find("#filter-clear").Click();

        Assert.Equal("http://localhost/?open=t1", Navigation.Uri);
    }

    [Fact]
    public void OnePhoneButtonShowsTheFiltersAndCountsTheActiveOnes()
    {
        var bar = Render<FilterBar>(p => p.Add(b => b.Filter, new TaskFilter(Priority: TaskPriority.High, Sort: "due")));

        Assert.DoesNotContain("filters-open", bar.Find(".filter-bar").ClassName);
        Assert.Equal("2", bar.Find(".filter-toggle .mud-badge").TextContent.Trim());
        bar.Find("#filter-toggle").Click();

        Assert.Contains("filters-open", bar.Find(".filter-bar").ClassName);
        Assert.Equal("true", bar.Find("#filter-toggle").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void TheFilterBecomesTheBackendQuery()
    {
        var query = new TaskFilter("call mom", "open", TaskPriority.High, "family", "week", "due").ToQueryString();

        Assert.Equal("limit=500&status=open&q=call%20mom&priority=high&tag=family&due=week&sort=due", query);
    }
}
