using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Todo.Contracts.Tasks;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// Edits the checklist the task editor holds (<see cref="Steps"/>, the dialog's own list): every change stays in the
/// form and is saved with the task, so Save, Cancel, "discard your changes?" and the merge after a conflict treat steps
/// like every other field. Steps keep their ids, so a rename or a reorder is not a remove and an add.
/// </summary>
public sealed partial class TaskStepsEditor
{
    /// <summary>The backend's limit (TaskStepRules.MaxSteps).</summary>
    public const int MaxSteps = 100;

    private string? _next;

    /// <summary>The editor's list of steps, changed in place.</summary>
    [Parameter, EditorRequired] public List<StepInput> Steps { get; set; } = default!;

    /// <summary>The backend's message for the steps, shown under the field.</summary>
    [Parameter] public string? Error { get; set; }

    /// <summary>Raised after every change, so the editor can re-render what depends on the list.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private int Done => Steps.Count(s => s.Done);

    /// <summary>Adds the typed step at the end (public for tests).</summary>
    public Task Add()
    {
        var title = _next?.Trim();
        if (string.IsNullOrEmpty(title) || Steps.Count >= MaxSteps)
        {
            return Task.CompletedTask;
        }

        Steps.Add(new StepInput(title));
        _next = null;
        return OnChanged.InvokeAsync();
    }

    private Task OnNewStepKeyDown(KeyboardEventArgs args) => args.Key == "Enter" ? Add() : Task.CompletedTask;

    private Task OnStepKeyDown(int index, KeyboardEventArgs args) => args switch
    {
        { AltKey: true, Key: "ArrowUp" } => Move(index, -1),
        { AltKey: true, Key: "ArrowDown" } => Move(index, 1),
        _ => Task.CompletedTask,
    };

    private Task Tick(int index, bool done) => Change(index, Steps[index] with { Done = done });

    private Task Rename(int index, string? title) =>
        string.IsNullOrWhiteSpace(title) ? Remove(index) : Change(index, Steps[index] with { Title = title.Trim() });

    private Task Move(int index, int by)
    {
        var target = index + by;
        if (target < 0 || target >= Steps.Count)
        {
            return Task.CompletedTask;
        }

        (Steps[index], Steps[target]) = (Steps[target], Steps[index]);
        return OnChanged.InvokeAsync();
    }

    private Task Remove(int index)
    {
        Steps.RemoveAt(index);
        return OnChanged.InvokeAsync();
    }

    private Task Change(int index, StepInput step)
    {
        Steps[index] = step;
        return OnChanged.InvokeAsync();
    }
}
