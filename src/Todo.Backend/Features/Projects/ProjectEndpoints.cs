using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Projects;

/// <summary>The projects REST API (ADR 0011). Every route is a project the signed-in user owns or is a member of; any other is a 404.</summary>
internal static class ProjectEndpoints
{
    public static void MapProjects(this WebApplication app)
    {
        var projects = app.MapGroup("/api/projects").WithTags("Projects").RequireUser();
        projects.MapGet("/", ListAsync).WithName("ListProjects").WithSummary("Lists your projects, the Inbox first, with their counts of open tasks.");
        projects.MapPost("/", CreateAsync).WithName("CreateProject").WithSummary("Creates a project.");
        projects.MapPatch("/{id}", UpdateAsync).WithName("UpdateProject").WithSummary("Renames, recolours, archives or restores a project, or moves it in the sidebar.");
        projects.MapDelete("/{id}", DeleteAsync).WithName("DeleteProject")
            .WithSummary("Deletes a project; a project with tasks needs tasks=delete, or tasks=move&to={projectId}.");
        app.MapProjectMembers();
    }

    private static async Task<Ok<ProjectList>> ListAsync(UserContext user, ProjectService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(user, cancellationToken));

    private static async Task<Results<Created<ProjectDto>, ProblemHttpResult>> CreateAsync(
        HttpContext http, UserContext user, ProjectService service, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CreateProjectRequest>(http.Request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ProblemResults.From(bodyError);
        }

        var result = await service.CreateAsync(user, body.Value!, cancellationToken);
        return result.Error is { } error
            ? ProblemResults.From(error, http.Response)
            : TypedResults.Created($"/api/projects/{result.Value!.Id}", result.Value);
    }

    private static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> UpdateAsync(
        string id, HttpContext http, UserContext user, ProjectService service, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<UpdateProjectRequest>(http.Request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ProblemResults.From(bodyError);
        }

        var result = await service.UpdateAsync(user, id, body.Value!, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error, http.Response) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext http, UserContext user, ProjectService service, CancellationToken cancellationToken)
    {
        var q = http.Request.Query;
        var result = await service.DeleteAsync(user, id, q["tasks"], q["to"], cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error, http.Response) : TypedResults.NoContent();
    }
}
