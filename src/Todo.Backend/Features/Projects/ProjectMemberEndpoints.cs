using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Projects;

/// <summary>
/// Sharing a project (ADR 0011, step 2): its members, sharing by username, removing a member and leaving (DELETE of
/// <c>members/me</c>). A project the caller has no role in is a 404; a role that does not allow the change is a 403.
/// </summary>
internal static class ProjectMemberEndpoints
{
    public static void MapProjectMembers(this WebApplication app)
    {
        var members = app.MapGroup("/api/projects/{id}/members").WithTags("Projects").RequireUser();
        members.MapGet("/", ListAsync).WithName("ListProjectMembers").WithSummary("Lists everyone with access to a project, the owner first.");
        members.MapPost("/", ShareAsync).WithName("ShareProject")
            .WithSummary("Shares the project with a user by username as editor (default) or viewer, or changes their role; the owner only.");
        members.MapDelete("/{userId}", RemoveAsync).WithName("RemoveProjectMember")
            .WithSummary("Removes a member (the owner), or leaves the project (userId = me).");
    }

    private static async Task<Results<Ok<ProjectMemberList>, ProblemHttpResult>> ListAsync(
        string id, HttpContext http, UserContext user, ProjectSharing sharing, CancellationToken cancellationToken)
    {
        var result = await sharing.ListAsync(user, id, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error, http.Response) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<ProjectMemberDto>, ProblemHttpResult>> ShareAsync(
        string id, HttpContext http, UserContext user, ProjectSharing sharing, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ShareProjectRequest>(http.Request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ProblemResults.From(bodyError);
        }

        var result = await sharing.ShareAsync(user, id, body.Value!, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error, http.Response) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string id, string userId, HttpContext http, UserContext user, ProjectSharing sharing, CancellationToken cancellationToken)
    {
        var result = await sharing.RemoveAsync(user, id, userId, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error, http.Response) : TypedResults.NoContent();
    }
}
