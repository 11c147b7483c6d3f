using Microsoft.AspNetCore.Components.Web;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Language;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests.Projects;

public sealed class QuickAddProjectTests : MudTestContext
{
    private static readonly IReadOnlyList<ProjectDto> Projects = TestProjects.All;

    private static CreateTaskRequest Map(string text) =>
        QuickAddMapper.ToRequest(QuickAddParser.Parse(text, new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc), Projects);

    [Fact]
    public void AHashNamingAProjectPicksItWhateverTheCaseAndIsNotKeptAsATag()
    {
        var request = Map("Buy milk #groceries #dairy");
        Assert.Equal("p1", request.ProjectId);
        Assert.Equal(["dairy"], request.Tags);
        Assert.Equal("p1", Map("Buy milk #GROCERIES").ProjectId);
        Assert.Null(Map("Buy milk #GROCERIES").Tags);
    }

    [Fact]
    public void AnyOtherHashStaysATagAndTheTaskGoesWhereThePageSays()
    {
        var request = Map("Buy milk #shop");
        Assert.Null(request.ProjectId);
        Assert.Equal(["shop"], request.Tags);
        // The Inbox and archived projects are never picked by a tag.
        Assert.Null(Map("Tidy #inbox").ProjectId);
        Assert.Equal(["inbox"], Map("Tidy #inbox").Tags);
        Assert.Null(Map("Tidy #old").ProjectId);
    }

    [Fact]
    public async Task TypingAProjectsNameHighlightsItAsTheProjectAndEnterSendsIt()
    {
        CreateTaskRequest? added = null;
        var bar = Render<QuickAddBar>(p => p
            .Add(b => b.Projects, Projects)
            .Add(b => b.OnAdd, request => { added = request; return Task.FromResult(true); }));

        bar.Find("#quick-add-input").Input("Buy milk #Groceries #dairy");

        Assert.Equal("#Groceries", bar.Find(".quick-add-highlight mark.qa-project").TextContent);
        Assert.Equal("#dairy", bar.Find(".quick-add-highlight mark.qa-tag").TextContent);
        Assert.Equal("Groceries", bar.Find(".preview-project").TextContent.Trim());
        Assert.Equal(["#dairy"], bar.FindAll(".preview-tag").Select(t => t.TextContent.Trim()));

        await bar.Find("#quick-add-input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal("p1", added?.ProjectId);
        Assert.Equal(["dairy"], added?.Tags);
    }
}
