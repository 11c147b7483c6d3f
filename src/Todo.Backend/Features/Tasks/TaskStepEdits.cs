using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// One-step changes to a task's checklist, as changes of the whole task: each is applied inside the task's
/// read-modify-write (<see cref="TaskService.EditStepsAsync"/>), so it runs under the task's ETag and its retry like any
/// other field. Null means "nothing to do".
/// </summary>
internal static class TaskStepEdits
{
    public static ServiceResult<TaskRecord?> Add(TaskRecord task, AddStepRequest request)
    {
        if (TaskStepRules.Title(request.Title, out var title) is { } titleError)
        {
            return ServiceError.Invalid("title", titleError);
        }

        if (TaskStepRules.Count(task.Steps.Count + 1) is { } tooMany)
        {
            return ServiceError.Invalid("steps", $"{tooMany} Delete or merge steps first.");
        }

        var position = request.Position ?? task.Steps.Count;
        if (position < 0 || position > task.Steps.Count)
        {
            return ServiceError.Invalid("position", $"The position must be between 0 and {task.Steps.Count} (the number of steps).");
        }

        var steps = task.Steps.ToList();
        steps.Insert(position, new TaskStepDto(Ids.New(), title, Done: false));
        return TaskStepRules.Text(steps) is { } tooLong ? ServiceError.Invalid("title", tooLong) : task with { Steps = steps };
    }

    public static ServiceResult<TaskRecord?> Update(TaskRecord task, string stepId, UpdateStepRequest request)
    {
        var index = IndexOf(task, stepId);
        if (index < 0)
        {
            return StepNotFound;
        }

        var step = task.Steps[index];
        if (request.Title is not null)
        {
            if (TaskStepRules.Title(request.Title, out var title) is { } titleError)
            {
                return ServiceError.Invalid("title", titleError);
            }

            step = step with { Title = title };
        }

        step = step with { Done = request.Done ?? step.Done };
        var position = request.Position ?? index;
        if (position < 0 || position >= task.Steps.Count)
        {
            return ServiceError.Invalid("position", $"The position must be between 0 and {task.Steps.Count - 1}.");
        }

        if (step == task.Steps[index] && position == index)
        {
            return (TaskRecord?)null;
        }

        var steps = task.Steps.ToList();
        steps.RemoveAt(index);
        steps.Insert(position, step);
        return TaskStepRules.Text(steps) is { } tooLong ? ServiceError.Invalid("title", tooLong) : task with { Steps = steps };
    }

    public static ServiceResult<TaskRecord?> Remove(TaskRecord task, string stepId)
    {
        var index = IndexOf(task, stepId);
        if (index < 0)
        {
            return StepNotFound;
        }

        var steps = task.Steps.ToList();
        steps.RemoveAt(index);
        return task with { Steps = steps };
    }

    private static int IndexOf(TaskRecord task, string stepId)
    {
        for (var i = 0; i < task.Steps.Count; i++)
        {
            if (task.Steps[i].Id == stepId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>An unknown step id of a task that exists: a 404 of its own, so a caller can tell it from an unknown task.</summary>
    public static readonly ServiceError StepNotFound = ServiceError.NotFound("The step");
}
