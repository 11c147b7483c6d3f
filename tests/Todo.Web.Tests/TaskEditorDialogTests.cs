using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Tasks;
using Todo.Web.Features.Backend;

namespace Todo.Web.Tests;

public sealed class TaskEditorDialogTests : MudTestContext
{
    private Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(
        Func<CreateTaskRequest, Task<TaskDto>> save, TaskDto? task = null, Func<string, Task<TaskDto>>? reload = null) =>
        ShowEditorAsync(this, save, task, reload);

    /// <summary>Opens the task editor as the tasks page does, for the tests of the editor and of its parts.</summary>
    internal static async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowEditorAsync(
        BunitContext context, Func<CreateTaskRequest, Task<TaskDto>> save, TaskDto? task = null, Func<string, Task<TaskDto>>? reload = null)
    {
        context.Render<MudPopoverProvider>();
        var provider = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await dialogs.ShowAsync<TaskEditorDialog>("Edit", new DialogParameters<TaskEditorDialog>
        {
            { d => d.Task, task },
            { d => d.Save, save },
            { d => d.Reload, reload },
        }, new DialogOptions { CloseOnEscapeKey = false }));
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

    // Esc pressed in any field bubbles up to the editor's body. The handler may wait on a question, so the press is not
    // awaited beyond a short while.
    private static async Task PressEscapeAsync(IRenderedComponent<MudDialogProvider> provider)
    {
        var press = provider.Find("#editor-body").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });
        await Task.WhenAny(press, Task.Delay(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task EscOnAChangedEditorAsksBeforeDiscardingAndKeepingEditingKeepsTheEdits()
    {
        var (provider, dialog) = await ShowAsync(_ => Task.FromResult(TaskRowTests.Task()), TaskRowTests.Task());
        provider.Find("#editor-title").Input("Call mom and dad");

        await PressEscapeAsync(provider);

        provider.WaitForAssertion(() => Assert.Contains("Discard your changes?", provider.Markup));
        Assert.False(dialog.Result.IsCompleted);
        await provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Keep editing")).ClickAsync(new());
        provider.WaitForAssertion(() => Assert.DoesNotContain("Discard your changes?", provider.Markup));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal("Call mom and dad", provider.Find("#editor-title").GetAttribute("value"));
    }

    [Fact]
    public async Task EscWhileADropDownIsOpenClosesOnlyTheDropDown()
    {
        var (provider, dialog) = await ShowAsync(_ => Task.FromResult(TaskRowTests.Task()), TaskRowTests.Task());
        var priority = provider.FindComponents<MudSelect<TaskPriority>>().Single();
        await provider.InvokeAsync(() => priority.Instance.OpenMenu());

        // Either order: the dialog hears the Esc while the list is open, or just after the list closed on it.
        await PressEscapeAsync(provider);
        await provider.InvokeAsync(() => priority.Instance.CloseMenu());
        await PressEscapeAsync(provider);

        Assert.False(dialog.Result.IsCompleted);
        Assert.DoesNotContain("Discard your changes?", provider.Markup);
    }

    [Fact]
    public async Task EscOnAnUnchangedEditorClosesIt()
    {
        var (provider, dialog) = await ShowAsync(_ => Task.FromResult(TaskRowTests.Task()), TaskRowTests.Task());

        await PressEscapeAsync(provider);

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(result!.Canceled);
    }

    [Fact]
    public async Task TheEditorGroupsItsFieldsUnderWhenAndOrganiseThatScreenReadersName()
    {
        var (provider, _) = await ShowAsync(_ => Task.FromResult(TaskRowTests.Task()), TaskRowTests.Task());

        // Title and notes first, then each group as a named region holding exactly its own fields.
        var groups = provider.FindAll("section.editor-group");
        Assert.Equal(["Steps", "When", "Organise"], groups.Select(g => provider.Find("#" + g.GetAttribute("aria-labelledby")).TextContent.Trim()));
        string[] Fields(int group) => groups[group].QuerySelectorAll("[id^=editor-]").Select(e => e.Id!).Where(id => !id.StartsWith("editor-group", StringComparison.Ordinal)).Distinct().ToArray();
        // The sample task repeats and reminds ahead, so its "how long before" and recurrence summary show too.
        Assert.Equal(["editor-step-input"], Fields(0));
        Assert.Equal(["editor-due-date", "editor-due-time", "editor-reminder-mode", "editor-reminder-before", "editor-repeat", "editor-recurrence-summary"], Fields(1));
        Assert.Equal(["editor-priority", "editor-tag-input"], Fields(2));
        Assert.All(groups, g => Assert.Null(g.QuerySelector("#editor-title, #editor-notes")));
    }

    [Fact]
    public async Task ABadlyTypedDueDateIsShownAsAnErrorAndNothingIsSaved()
    {
        var calls = 0;
        var (provider, dialog) = await ShowAsync(_ => { calls++; return Task.FromResult(TaskRowTests.Task()); });
        provider.Find("#editor-title").Input("Pay rent");

        provider.Find("#editor-due-date").Change("31.31.2026x");
        await provider.Find("#editor-save").ClickAsync(new());

        Assert.Equal(0, calls);
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll(".mud-input-helper-text.mud-input-error"),
            e => e.TextContent.Contains("“31.31.2026x” is not a date")));
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task AConflictOffersReloadWhichKeepsMyEditsAndTakesTheirsElsewhere()
    {
        var sent = new List<CreateTaskRequest>();
        var mine = TaskRowTests.Task();
        var theirs = mine with { Notes = "Use the landline", Priority = TaskPriority.Low, ETag = "2" };
        var (provider, dialog) = await ShowAsync(request =>
        {
            sent.Add(request);
            return sent.Count == 1
                ? throw new BackendProblem(412, "Precondition failed", "The task was changed by someone else since you read it (its ETag no longer matches); reload it and try again.")
                : Task.FromResult(theirs);
        }, mine, _ => Task.FromResult(theirs));
        provider.Find("#editor-title").Input("Call mom and dad");

        await provider.Find("#editor-save").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains("changed somewhere else", provider.Find("#editor-conflict").TextContent));
        Assert.DoesNotContain("ETag", provider.Markup);
        await provider.Find("#editor-reload").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#editor-conflict")));
        await provider.Find("#editor-save").ClickAsync(new());

        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        var saved = sent[^1];
        Assert.Equal("Call mom and dad", saved.Title);
        Assert.Equal("Use the landline", saved.Notes);
        Assert.Equal(TaskPriority.Low, saved.Priority);
    }
}
