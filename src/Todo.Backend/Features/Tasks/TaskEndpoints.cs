using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>The tasks REST API. Every route is the signed-in user's own tasks; another user's task is a 404.</summary>
internal static class TaskEndpoints
{
    public static void MapTasks(this WebApplication app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireUser();
        tasks.MapGet("/", ListAsync).WithName("ListTasks").WithSummary("Lists your tasks with filters, search, sort and paging.");
        tasks.MapPost("/", CreateAsync).WithName("CreateTask").WithSummary("Creates a task; with an Idempotency-Key header a repeat gets the first answer again.");
        tasks.MapGet("/{id}", GetAsync).WithName("GetTask").WithSummary("Gets one task; the ETag header is its version.");
        tasks.MapPatch("/{id}", UpdateAsync).WithName("UpdateTask").WithSummary("Changes fields of a task (JSON merge patch); send If-Match to avoid overwriting others.");
        tasks.MapDelete("/{id}", DeleteAsync).WithName("DeleteTask").WithSummary("Deletes a task.");
        tasks.MapPost("/{id}/complete", CompleteAsync).WithName("CompleteTask").WithSummary("Marks a task done; a repeating task gets its next occurrence.");
        tasks.MapPost("/{id}/reopen", ReopenAsync).WithName("ReopenTask").WithSummary("Marks a completed task as not done.");
        tasks.MapPost("/{id}/snooze", SnoozeAsync).WithName("SnoozeTask").WithSummary("Moves the task's reminder to N minutes from now.");
        tasks.MapTaskSteps();
        tasks.MapPost("/{id}/position", MoveAsync).WithName("MoveTask").WithSummary("Places an open task before another of its project (or last), optionally in another project; sort=manual lists that order.");

        app.MapGroup("/api/tags").WithTags("Tasks").RequireUser()
            .MapGet("/", ListTagsAsync).WithName("ListTags").WithSummary("Lists the tags of your open tasks with counts.");
    }

    private static async Task<Results<Ok<TaskPage>, ProblemHttpResult>> ListAsync(
        HttpRequest request, UserContext user, TaskService service, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var query = TaskQuery.Parse(q["status"], q["priority"], q["tag"], q["q"], q["due"], q["sort"], q["order"], q["limit"], q["cursor"], q["project"]);
        if (query.Error is { } error)
        {
            return ProblemResults.From(error);
        }

        var page = await service.ListAsync(user, query.Value!, cancellationToken);
        return page.Error is { } listError ? ProblemResults.From(listError) : TypedResults.Ok(page.Value!);
    }

    private static async Task<Results<Created<TaskDto>, ProblemHttpResult>> CreateAsync(
        HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CreateTaskRequest>(http.Request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ProblemResults.From(bodyError);
        }

        var key = IdempotencyKey.From(http.Request.Headers["Idempotency-Key"].FirstOrDefault(), body.Value!);
        if (key.Error is { } keyError)
        {
            return ProblemResults.From(keyError);
        }

        var result = await service.CreateAsync(user, body.Value!, key.Value, cancellationToken);
        return result.Error is { } error
            ? ProblemResults.From(error, http.Response)
            : TypedResults.Created($"/api/tasks/{result.Value!.Id}", WithETag(http, result.Value));
    }

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken) =>
        Respond(http, await service.GetAsync(user, id, cancellationToken));

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> UpdateAsync(
        string id, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadElementAsync(http.Request, cancellationToken);
        var patch = body.Error is null ? UpdateTaskRequestReader.Read(body.Value) : body.Error;
        if (patch.Error is { } error)
        {
            return ProblemResults.From(error);
        }

        return Respond(http, await service.UpdateAsync(user, id, patch.Value!, IfMatch(http), cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken)
    {
        var result = await service.DeleteAsync(user, id, IfMatch(http), cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error, http.Response) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> CompleteAsync(
        string id, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken) =>
        Respond(http, await service.CompleteAsync(user, id, IfMatch(http), cancellationToken));

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> ReopenAsync(
        string id, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken) =>
        Respond(http, await service.ReopenAsync(user, id, IfMatch(http), cancellationToken));

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> SnoozeAsync(
        string id, HttpContext http, UserContext user, TaskService service, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SnoozeRequest>(http.Request, cancellationToken);
        if (body.Error is { } error)
        {
            return ProblemResults.From(error);
        }

        return Respond(http, await service.SnoozeAsync(user, id, body.Value!.Minutes, cancellationToken));
    }

    private static async Task<Results<Ok<TaskOrder>, ProblemHttpResult>> MoveAsync(
        string id, HttpContext http, UserContext user, TaskPositions positions, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MoveTaskRequest>(http.Request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ProblemResults.From(bodyError);
        }

        var result = await positions.MoveAsync(user, id, body.Value!, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error, http.Response) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Ok<IReadOnlyList<TagCount>>> ListTagsAsync(UserContext user, TaskService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListTagsAsync(user, cancellationToken));

    internal static Results<Ok<TaskDto>, ProblemHttpResult> Respond(HttpContext http, ServiceResult<TaskDto> result) =>
        result.Error is { } error ? ProblemResults.From(error, http.Response) : TypedResults.Ok(WithETag(http, result.Value!));

    /// <summary>The ETag header is the task's version, the same value as the body's <c>etag</c>.</summary>
    private static TaskDto WithETag(HttpContext http, TaskDto task)
    {
        http.Response.Headers.ETag = new EntityTagHeaderValue($"\"{task.ETag}\"").ToString();
        return task;
    }

    /// <summary>The version the client pinned with If-Match (quotes and weak marker removed); "*" pins nothing.</summary>
    internal static string? IfMatch(HttpContext http)
    {
        var value = http.Request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*")
        {
            return null;
        }

        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Trim('"');
    }
}
