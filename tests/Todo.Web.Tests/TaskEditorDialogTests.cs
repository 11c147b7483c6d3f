using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Todo.Contracts.Tasks;
using Todo.Web.Components.Tasks;
using Todo.Web.Features.Backend;

namespace Todo.Web.Tests;

public sealed class TaskEditorDialogTests : MudTestContext
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(
        Func<CreateTaskRequest, Task<TaskDto>> save, TaskDto? task = null)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await dialogs.ShowAsync<TaskEditorDialog>("Edit", new DialogParameters<TaskEditorDialog>
        {
            { d => d.Task, task },
            { d => d.Save, save },
        }));
        return (provider, dialog!);
    }

    [Fact]
    public async Task SavingWithoutATitleShowsTheErrorAtTheTitleAndSendsNothing()
    {
        var calls = 0;
        var (provider, _) = await ShowAsync(_ => { calls++; return Task.FromResult(TaskRowTests.Task()); });

        await provider.Find("#editor-save").ClickAsync(new());

        Assert.Equal(0, calls);
        provider.WaitForAssertion(() => Assert.Contains("A task needs a title.", provider.Markup));
    }

    [Fact]
    public async Task TheBackendsFieldErrorsAppearNextToTheirFields()
    {
        var (provider, dialog) = await ShowAsync(_ => throw new BackendProblem(400, "One or more validation errors occurred.", null,
            new Dictionary<string, string[]> { ["reminder"] = ["The reminder must be in the future."], ["tags"] = ["At most 10 tags."] }));

        provider.Find("#editor-title").Input("Call mom");
        await provider.Find("#editor-save").ClickAsync(new());

        provider.WaitForAssertion(() =>
        {
            var helpers = provider.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent).ToArray();
            Assert.Contains("The reminder must be in the future.", helpers);
            Assert.Contains("At most 10 tags.", helpers);
        });
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task SavingSendsTheWholeTaskAndClosesTheDialog()
    {
        CreateTaskRequest? sent = null;
        var existing = TaskRowTests.Task(due: new DueDto(new DateOnly(2026, 3, 20), new TimeOnly(8, 30)));
        var (provider, dialog) = await ShowAsync(request => { sent = request; return Task.FromResult(existing); }, existing);

        provider.WaitForAssertion(() => Assert.Contains("every week", provider.Find("#editor-recurrence-summary").TextContent));
        await provider.Find("#editor-save").ClickAsync(new());

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(result!.Canceled);
        Assert.Equal(new CreateTaskRequest("Call mom", null, TaskPriority.High, ["family", "phone"],
            new DueDto(new DateOnly(2026, 3, 20), new TimeOnly(8, 30)), new ReminderDto(MinutesBefore: 0),
            new RecurrenceDto(RecurrenceFrequency.Weekly)) with { Tags = sent!.Tags }, sent);
        Assert.Equal(["family", "phone"], sent.Tags);
    }
}
