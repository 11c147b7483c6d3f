using Todo.Contracts.Projects;
using Todo.Web.Features.Accounts;

namespace Todo.Web.Features.Backend;

/// <summary>The projects API (ADR 0011): the sidebar, create, rename/colour/archive/reorder, delete.</summary>
public sealed partial class BackendClient
{
    public Task<ProjectList> ListProjectsAsync(SignedInUser user, CancellationToken cancellationToken = default) =>
        SendAsync<ProjectList>(user, HttpMethod.Get, "api/projects", cancellationToken: cancellationToken);

    public Task<ProjectDto> CreateProjectAsync(SignedInUser user, CreateProjectRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ProjectDto>(user, HttpMethod.Post, "api/projects", request, cancellationToken: cancellationToken);

    /// <summary>Absent (null) properties stay unchanged; an empty colour clears it.</summary>
    public Task<ProjectDto> UpdateProjectAsync(SignedInUser user, string id, UpdateProjectRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ProjectDto>(user, HttpMethod.Patch, ProjectPath(id), request, cancellationToken: cancellationToken);

    /// <summary>
    /// Deletes a project. One with tasks needs a choice: <paramref name="moveTo"/> null deletes its tasks, a project id
    /// moves them there (the backend refuses a project with tasks when neither is said, so the web always says).
    /// </summary>
    public Task DeleteProjectAsync(SignedInUser user, string id, string? moveTo, CancellationToken cancellationToken = default) =>
        SendAsync<object>(user, HttpMethod.Delete, ProjectPath(id) + (moveTo is null ? "?tasks=delete" : $"?tasks=move&to={Uri.EscapeDataString(moveTo)}"),
            cancellationToken: cancellationToken);

    private static string ProjectPath(string id) => $"api/projects/{Uri.EscapeDataString(id)}";
}
