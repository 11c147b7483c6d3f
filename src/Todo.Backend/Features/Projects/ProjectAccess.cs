using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Projects;

/// <summary>What a caller wants to do in a project.</summary>
internal enum ProjectAction
{
    /// <summary>See the project, its tasks, members and activity.</summary>
    Read,

    /// <summary>Create, change, complete and delete its tasks.</summary>
    Write,

    /// <summary>Share, rename, recolour, archive or delete the project itself.</summary>
    Manage,
}

/// <summary>
/// The one place that decides who may do what in a project (ADR 0011, step 2): the owner everything, an editor reads
/// and writes tasks, a viewer reads. Everyone else is not told the project exists (404, as for a missing one); a
/// member whose role does not allow an action is told so (403), since they can see the project anyway. The caller's
/// id always comes from the authenticated user, never from a request.
/// </summary>
internal static class ProjectAccess
{
    /// <summary>The caller's role in <paramref name="project"/>, or null when they have none.</summary>
    public static string? RoleOf(ProjectRecord project, string userId) =>
        project.OwnerId == userId ? ProjectRoles.Owner : project.Members.FirstOrDefault(m => m.UserId == userId)?.Role;

    public static bool Allows(string? role, ProjectAction action) => (role, action) switch
    {
        (ProjectRoles.Owner, _) => true,
        (ProjectRoles.Editor, ProjectAction.Read or ProjectAction.Write) => true,
        (ProjectRoles.Viewer, ProjectAction.Read) => true,
        _ => false,
    };

    public static bool Allows(ProjectRecord project, string userId, ProjectAction action) => Allows(RoleOf(project, userId), action);

    /// <summary>Whether the caller sees the project at all (any role).</summary>
    public static bool CanSee(ProjectRecord project, string userId) => Allows(project, userId, ProjectAction.Read);

    /// <summary>Everyone who sees the project's changes: the owner, then the members.</summary>
    public static IReadOnlyList<string> Audience(ProjectRecord project) => [project.OwnerId, .. project.Members.Select(m => m.UserId)];

    /// <summary>The answer to a member whose role does not allow <paramref name="action"/>.</summary>
    public static ServiceError Denied(ProjectRecord project, ProjectAction action) => new(ServiceErrorKind.Forbidden, action == ProjectAction.Write
        ? $"You can view \"{project.Name}\" but not change its tasks; ask its owner to make you an editor."
        : $"Only the owner of \"{project.Name}\" can share, rename, archive or delete it.");
}
