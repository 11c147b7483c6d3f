using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests;

/// <summary>The checklist in the task editor (TaskStepsEditor) and the row's progress chip (ADR 0013).</summary>
public sealed class TaskStepsEditorTests : MudTestContext
{
    private static TaskDto WithSteps(params TaskStepDto[] steps) => TaskRowTests.Task() with { Steps = steps };

    private Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(Func<CreateTaskRequest, Task<TaskDto>> save, TaskDto? task) =>
        TaskEditorDialogTests.ShowEditorAsync(this, save, task);

    [Fact]
    public async Task StepsAreAddedWithEnterTickedMovedAndDeletedAndSavedWithTheTaskKeepingTheirIds()
    {
        CreateTaskRequest? sent = null;
        var task = WithSteps(new TaskStepDto("s1", "passport", false), new TaskStepDto("s2", "charger", true));
        var (provider, dialog) = await ShowAsync(request => { sent = request; return Task.FromResult(task); }, task);
        provider.WaitForAssertion(() => Assert.Equal("1/2", provider.Find("#editor-steps-progress").TextContent));

        var input = provider.Find("#editor-step-input");
        input.Input("tickets");
        await provider.Find("#editor-step-input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        provider.WaitForAssertion(() => Assert.Equal(3, provider.FindAll(".step-row").Count));
        Assert.Equal("", provider.Find("#editor-step-input").GetAttribute("value") ?? "");

        await provider.FindAll(".step-row")[0].QuerySelector("input[type=checkbox]")!.ChangeAsync(new() { Value = true });
        await provider.FindAll(".step-row")[2].QuerySelector(".step-title input")!.KeyDownAsync(new KeyboardEventArgs { Key = "ArrowUp", AltKey = true });
        await provider.FindAll(".step-delete")[2].ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Equal("1/2", provider.Find("#editor-steps-progress").TextContent));
        await provider.Find("#editor-save").ClickAsync(new());

        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([("s1", "passport", true), (null, "tickets", false)], sent!.Steps!.Select(s => (s.Id, s.Title!, s.Done)));
    }

    [Fact]
    public async Task ATaskWithoutStepsIsSavedWithoutAChecklistSoOtherClientsLeaveStepsAlone()
    {
        CreateTaskRequest? sent = null;
        var (provider, dialog) = await ShowAsync(request => { sent = request; return Task.FromResult(TaskRowTests.Task()); }, TaskRowTests.Task());
        await provider.Find("#editor-save").ClickAsync(new());
        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Null(sent!.Steps);
    }

    [Fact]
    public async Task DeletingTheLastStepSavesAnEmptyChecklist()
    {
        CreateTaskRequest? sent = null;
        var withOne = WithSteps(new TaskStepDto("s1", "only", false));
        var (provider, dialog) = await ShowAsync(request => { sent = request; return Task.FromResult(withOne); }, withOne);
        await provider.Find(".step-delete").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".step-row")));
        await provider.Find("#editor-save").ClickAsync(new());
        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(sent!.Steps!);
    }

    [Fact]
    public void ARowShowsHowManyStepsAreDone()
    {
        var row = Render<TaskRow>(p => p.Add(r => r.Task, WithSteps(new("a", "one", true), new("b", "two", false), new("c", "three", true))));

        Assert.Equal("2/3", row.Find(".task-steps").TextContent.Trim());
        Assert.Equal("2 of 3 steps done", row.Find(".task-steps").GetAttribute("aria-label"));
        Assert.Empty(Render<TaskRow>(p => p.Add(r => r.Task, TaskRowTests.Task())).FindAll(".task-steps"));
    }
}
