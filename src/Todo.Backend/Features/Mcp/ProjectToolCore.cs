using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Projects;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// What the project tools do, typed, as <see cref="TaskToolCore"/> does for tasks: the user is already resolved, the
/// loose arguments (a project by name or id) are read here, results are the service's own records.
/// </summary>
internal sealed class ProjectToolCore(ProjectService projects, ProjectSharing sharing)
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

    /// <summary>Everyone with access to the project the argument names (name, id or inbox).</summary>
    public async Task<ServiceResult<ProjectMemberList>> MembersAsync(UserContext user, string? project, CancellationToken cancellationToken)
    {
        var id = await ProjectIdAsync(user, project, cancellationToken);
        return id.Error is { } error ? error : Explain(await sharing.ListAsync(user, id.Value!, cancellationToken));
    }

    public async Task<ServiceResult<MemberResult>> ShareAsync(UserContext user, string? project, string? member, string? role, CancellationToken cancellationToken)
    {
        var id = await ProjectIdAsync(user, project, cancellationToken);
        if (id.Error is { } error)
        {
            return error;
        }

        var shared = Explain(await sharing.ShareAsync(user, id.Value!, new ShareProjectRequest(member, role), cancellationToken));
        return shared.Error is { } shareError ? shareError : new MemberResult(id.Value!, shared.Value!);
    }

    /// <summary>Removes the member with that username; <c>me</c> (or the caller's own username) leaves the project.</summary>
    public async Task<ServiceResult<MemberResult>> RemoveAsync(UserContext user, string? project, string? member, CancellationToken cancellationToken)
    {
        var members = await MembersAsync(user, project, cancellationToken);
        if (members.Error is { } error)
        {
            return error;
        }

        var name = (member ?? "").Trim();
        var who = Member(members.Value!, name, user);
        if (who is null)
        {
            return ServiceError.Invalid("member", $"Nobody called \"{name}\" is a member of that project; list_members shows who is.");
        }

        var id = (await ProjectIdAsync(user, project, cancellationToken)).Value!;
        var removed = Explain(await sharing.RemoveAsync(user, id, who.UserId, cancellationToken));
        return removed.Error is { } removeError ? removeError : new MemberResult(id, who);
    }

    /// <summary>The member called <paramref name="name"/> (a username, any case), or the caller for "me".</summary>
    public static ProjectMemberDto? Member(ProjectMemberList members, string name, UserContext user) =>
        string.Equals(name, "me", StringComparison.OrdinalIgnoreCase)
            ? members.Items.FirstOrDefault(m => m.UserId == user.UserId)
            : members.Items.FirstOrDefault(m => string.Equals(m.Username, name, StringComparison.OrdinalIgnoreCase));

    private async Task<ServiceResult<string>> ProjectIdAsync(UserContext user, string? project, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(project))
        {
            return ServiceError.Invalid("project", "Name the project (its name or id; list_projects shows them).");
        }

        var id = await IdOfAsync(user, project, forWrite: false, cancellationToken);
        return id.Error is { } error ? error : id.Value!;
    }

    /// <summary>The tools' generic "not found" is about tasks; these calls are about a project or a person.</summary>
    private static ServiceResult<T> Explain<T>(ServiceResult<T> result) =>
        result.Error is { Kind: ServiceErrorKind.NotFound } error
            ? ServiceError.Invalid("project", error.Message.StartsWith("The project", StringComparison.Ordinal)
                ? "You have no such project; list_projects shows yours."
                : error.Message)
            : result;
}
