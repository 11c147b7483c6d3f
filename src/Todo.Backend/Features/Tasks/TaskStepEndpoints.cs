using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// One step of a task's checklist at a time (ADR 0013). Each answers the whole task with its new ETag, honours If-Match
/// (the task's ETag) and is one read-modify-write of the task, retried once on a lost race as every task change.
/// </summary>
internal static class TaskStepEndpoints
{
    public static void MapTaskSteps(this RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{id}/steps", AddAsync).WithName("AddTaskStep").WithSummary("Adds a step to the task's checklist (at the end, or at 'position').");
        tasks.MapPatch("/{id}/steps/{stepId}", UpdateAsync).WithName("UpdateTaskStep").WithSummary("Renames, ticks, unticks or moves one step.");
        tasks.MapDelete("/{id}/steps/{stepId}", RemoveAsync).WithName("RemoveTaskStep").WithSummary("Removes one step; answers the task.");
    }

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> AddAsync(
        string id, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<AddStepRequest>(http.Request, cancellationToken);
        if (body.Error is { } error)
        {
            return ProblemResults.From(error);
        }

        return TaskEndpoints.Respond(http, await service.EditStepsAsync(user, id, TaskEndpoints.IfMatch(http),
            task => TaskStepEdits.Add(task, body.Value!), cancellationToken));
    }

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> UpdateAsync(
        string id, string stepId, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<UpdateStepRequest>(http.Request, cancellationToken);
        if (body.Error is { } error)
        {
            return ProblemResults.From(error);
        }

        return TaskEndpoints.Respond(http, await service.EditStepsAsync(user, id, TaskEndpoints.IfMatch(http),
            task => TaskStepEdits.Update(task, stepId, body.Value!), cancellationToken));
    }

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> RemoveAsync(
        string id, string stepId, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken) =>
        TaskEndpoints.Respond(http, await service.EditStepsAsync(user, id, TaskEndpoints.IfMatch(http),
            task => TaskStepEdits.Remove(task, stepId), cancellationToken));
}
