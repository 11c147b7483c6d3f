using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests.Projects;

public sealed class TaskEditorProjectTests : MudTestContext
{
    private static readonly IReadOnlyList<ProjectDto> Projects = TestProjects.All;

    private Task<(IRenderedComponent<MudDialogProvider> Provider, List<CreateTaskRequest> Saved)> ShowAsync(
        TaskDto? task, IReadOnlyList<ProjectDto> projects, string? newTaskProject = null) => ShowWithProjectsAsync(this, task, projects, newTaskProject);

    /// <summary>Opens the editor with the user's projects as the tasks page does; every save is recorded.</summary>
    internal static async Task<(IRenderedComponent<MudDialogProvider> Provider, List<CreateTaskRequest> Saved)> ShowWithProjectsAsync(
        BunitContext context, TaskDto? task, IReadOnlyList<ProjectDto> projects, string? newTaskProject = null)
    {
        context.Render<MudPopoverProvider>();
        var provider = context.Render<MudDialogProvider>();
        var saved = new List<CreateTaskRequest>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TaskEditorDialog>("Edit", new DialogParameters<TaskEditorDialog>
        {
            { d => d.Task, task },
            { d => d.Projects, projects },
            { d => d.NewTaskProjectId, newTaskProject },
            { d => d.Save, request => { saved.Add(request); return Task.FromResult(TaskRowTests.Task()); } },
        }, new DialogOptions { CloseOnEscapeKey = false }));
        return (provider, saved);
    }

    [Fact]
    public async Task TheEditorShowsTheTasksProjectAndSavesIt()
    {
        var (provider, saved) = await ShowAsync(TaskRowTests.Task() with { ProjectId = "p1" }, Projects);

        Assert.Equal("Groceries", provider.Find("input#editor-project").GetAttribute("value"));
        await provider.Find("#editor-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal("p1", Assert.Single(saved).ProjectId));
    }

    [Fact]
    public async Task ANewTaskGoesToTheProjectOfThePageItWasOpenedOn()
    {
        var (provider, saved) = await ShowAsync(null, Projects, newTaskProject: "p2");
        provider.Find("#editor-title").Input("Sweep");

        await provider.Find("#editor-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal("p2", Assert.Single(saved).ProjectId));
    }

    [Fact]
    public async Task WithoutProjectsThereIsNoPickerAndTheSaveLeavesTheProjectAlone()
    {
        var (provider, saved) = await ShowAsync(TaskRowTests.Task() with { ProjectId = "p1" }, []);

        Assert.DoesNotContain("Project", provider.FindAll("#task-editor label").Select(l => l.TextContent));
        await provider.Find("#editor-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Null(Assert.Single(saved).ProjectId));
    }
}
