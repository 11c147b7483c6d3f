using Todo.Contracts.Projects;
using Todo.Web.Features.Accounts;

namespace Todo.Web.Features.Backend;

// Sharing a project (ADR 0011, step 2): its members, sharing by username, removing a member, leaving, its activity.
public sealed partial class BackendClient
{
    public Task<ProjectMemberList> ListProjectMembersAsync(SignedInUser user, string projectId, CancellationToken cancellationToken = default) =>
        SendAsync<ProjectMemberList>(user, HttpMethod.Get, $"{MembersPath(projectId)}", cancellationToken: cancellationToken);

    /// <summary>Shares the project with <paramref name="username"/> as <paramref name="role"/>, or changes their role.</summary>
    public Task<ProjectMemberDto> ShareProjectAsync(SignedInUser user, string projectId, string username, string role, CancellationToken cancellationToken = default) =>
        SendAsync<ProjectMemberDto>(user, HttpMethod.Post, MembersPath(projectId), new ShareProjectRequest(username, role), cancellationToken: cancellationToken);

    public Task RemoveProjectMemberAsync(SignedInUser user, string projectId, string memberId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(user, HttpMethod.Delete, $"{MembersPath(projectId)}/{Uri.EscapeDataString(memberId)}", cancellationToken: cancellationToken);

    /// <summary>Leaves a project shared with the user.</summary>
    public Task LeaveProjectAsync(SignedInUser user, string projectId, CancellationToken cancellationToken = default) =>
        RemoveProjectMemberAsync(user, projectId, "me", cancellationToken);

    public Task<ActivityList> ListProjectActivityAsync(SignedInUser user, string projectId, CancellationToken cancellationToken = default) =>
        SendAsync<ActivityList>(user, HttpMethod.Get, $"api/projects/{Uri.EscapeDataString(projectId)}/activity", cancellationToken: cancellationToken);

    private static string MembersPath(string projectId) => $"api/projects/{Uri.EscapeDataString(projectId)}/members";
}
