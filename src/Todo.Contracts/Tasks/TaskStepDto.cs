namespace Todo.Contracts.Tasks;

/// <summary>One step of a task's checklist (ADR 0013): steps live inside the task, not as tasks of their own.</summary>
/// <param name="Id">Opaque step id, unique within its task.</param>
/// <param name="Title">1–200 characters, like a task's title.</param>
/// <param name="Done">Whether the step is ticked.</param>
public sealed record TaskStepDto(string Id, string Title, bool Done);

/// <summary>
/// A step as a client sends it in a whole checklist (<c>steps</c> of a create or a PATCH): without <see cref="Id"/> it
/// is a new step; with one, it keeps that step of the task (so a rename or reorder of the whole list keeps ids).
/// </summary>
/// <param name="Title">1–200 characters.</param>
/// <param name="Done">Whether the step is ticked.</param>
public sealed record StepInput(string? Title, bool Done = false)
{
    /// <summary>The id of an existing step of the task, or null for a new step.</summary>
    public string? Id { get; init; }
}

/// <summary>Body of <c>POST /api/tasks/{id}/steps</c>: adds one step.</summary>
/// <param name="Title">1–200 characters.</param>
/// <param name="Position">0-based place in the checklist; omitted, at the end.</param>
public sealed record AddStepRequest(string? Title, int? Position = null);

/// <summary>
/// Body of <c>PATCH /api/tasks/{id}/steps/{stepId}</c>: renames, ticks or unticks, or moves one step. An omitted (null)
/// property stays as it is.
/// </summary>
/// <param name="Title">New title (1–200 characters).</param>
/// <param name="Done">Tick (true) or untick (false).</param>
/// <param name="Position">Move the step to this 0-based place.</param>
public sealed record UpdateStepRequest(string? Title = null, bool? Done = null, int? Position = null);
