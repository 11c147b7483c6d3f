using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Projects;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// What the project tools do, typed, as <see cref="TaskToolCore"/> does for tasks: the user is already resolved, the
/// loose arguments (a project by name or id) are read here, results are the service's own records.
/// </summary>
internal sealed class ProjectToolCore(ProjectService projects)
{
    public Task<ProjectList> ListAsync(UserContext user, CancellationToken cancellationToken) => projects.ListAsync(user, cancellationToken);

    public Task<ServiceResult<ProjectDto>> AddAsync(UserContext user, string? name, string? color, CancellationToken cancellationToken) =>
        projects.CreateAsync(user, new CreateProjectRequest(name, color), cancellationToken);

    /// <summary>
    /// The project id a tool's <c>project</c> argument names (a name, an id or "inbox"); null when the argument is
    /// absent. To add a task the project must take tasks (not archived); to list, any project the user sees will do.
    /// </summary>
    public async Task<ServiceResult<string?>> IdOfAsync(UserContext user, string? project, bool forWrite, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(project))
        {
            return (string?)null;
        }

        var key = await projects.ResolveNameOrIdAsync(user, project, forWrite, cancellationToken);
        return key.Error is { } error ? error : key.Value.ProjectId ?? ProjectDto.InboxId;
    }
}
