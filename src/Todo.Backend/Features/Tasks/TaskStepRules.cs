using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// The rules of a task's checklist (ADR 0013): at most <see cref="MaxSteps"/> steps, each titled like a task. A whole
/// list (create, PATCH <c>steps</c>) keeps the ids it names, which must be steps of the task, and gives new steps new ids.
/// </summary>
internal static class TaskStepRules
{
    public const int MaxSteps = 100;

    /// <summary>
    /// The checklist's titles together, like a task's notes: it keeps the largest task document near 60 KB as JSON, which
    /// sizes the store's bulk reads (<see cref="TaskStore.BulkReadKeys"/>) under daprd's 4 MiB message cap.
    /// </summary>
    public const int MaxStepsText = 4_000;

    public static string? Title(string? title, out string normalised)
    {
        normalised = (title ?? "").Trim();
        return normalised.Length switch
        {
            0 => "A step needs a title.",
            > TaskRules.MaxTitle => $"Step titles can have at most {TaskRules.MaxTitle} characters (this one has {normalised.Length}).",
            _ => null,
        };
    }

    public static string? Count(int count) =>
        count > MaxSteps ? $"A task can have at most {MaxSteps} steps (this one would have {count})." : null;

    public static string? Text(IEnumerable<TaskStepDto> steps) => steps.Sum(s => s.Title.Length) is var length and > MaxStepsText
        ? $"A task's steps can have at most {MaxStepsText:N0} characters in all (these would have {length:N0}); shorten or remove some."
        : null;

    /// <summary>
    /// A whole new checklist checked against the task's <paramref name="existing"/> steps. When it equals them, the
    /// existing list itself comes back, so a patch that changes nothing does not count as a change.
    /// </summary>
    public static string? Steps(IReadOnlyList<StepInput?>? input, IReadOnlyList<TaskStepDto> existing, out IReadOnlyList<TaskStepDto> normalised)
    {
        normalised = existing;
        var list = input ?? [];
        if (Count(list.Count) is { } tooMany)
        {
            return tooMany;
        }

        var known = existing.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var result = new List<TaskStepDto>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } step)
            {
                return $"Step {i + 1} is null; send {{\"title\": \"…\", \"done\": false}}.";
            }

            if (Title(step.Title, out var title) is { } error)
            {
                return $"Step {i + 1}: {error}";
            }

            if (step.Id is { } id && (!known.Contains(id) || result.Any(s => s.Id == id)))
            {
                return $"Step {i + 1} names the id '{id}', which is not a step of this task (or is named twice); leave 'id' out for a new step.";
            }

            result.Add(new TaskStepDto(step.Id ?? Ids.New(), title, step.Done));
        }

        if (Text(result) is { } tooLong)
        {
            return tooLong;
        }

        if (!result.SequenceEqual(existing))
        {
            normalised = result;
        }

        return null;
    }

    /// <summary>Every step ticked: completing a task completes its open steps (ADR 0013).</summary>
    public static IReadOnlyList<TaskStepDto> AllDone(IReadOnlyList<TaskStepDto> steps) =>
        steps.All(s => s.Done) ? steps : steps.Select(s => s with { Done = true }).ToList();
}
