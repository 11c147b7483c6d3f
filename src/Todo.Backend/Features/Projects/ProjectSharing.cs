using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Projects;

/// <summary>
/// Sharing a project by username (ADR 0011, step 2): the owner adds a member with a role, changes it, or removes them;
/// a member leaves. The project record's <c>members</c> and the member's sidebar change in one transaction, so access
/// and the sidebar entry come and go together. Access is checked against the record on every request
/// (<see cref="ProjectAccess"/>), so a removed member loses it at once. The Inbox is never shared.
/// </summary>
internal sealed class ProjectSharing(ProjectStore store, AccountStore accounts, ProjectEventPublisher events)
{
    /// <summary>Everyone with access, the owner first; any member may list them.</summary>
    public async Task<ServiceResult<ProjectMemberList>> ListAsync(UserContext user, string id, CancellationToken cancellationToken)
    {
        if (IsInbox(id))
        {
            var me = await accounts.FindAsync(user.UserId, cancellationToken);
            return new ProjectMemberList([new ProjectMemberDto(user.UserId, me?.Username ?? "", ProjectRoles.Owner)]);
        }

        var (project, _) = await ReadVisibleAsync(user, id, cancellationToken);
        return project is null ? NotFound() : await MembersOfAsync(project, cancellationToken);
    }

    /// <summary>Shares the project with <paramref name="request"/>'s user, or changes their role (the owner only).</summary>
    public async Task<ServiceResult<ProjectMemberDto>> ShareAsync(UserContext user, string id, ShareProjectRequest request, CancellationToken cancellationToken)
    {
        if (IsInbox(id))
        {
            return ServiceError.Invalid("id", "Your Inbox is yours alone and cannot be shared; create a project and share that.");
        }

        var role = (request.Role ?? ProjectRoles.Editor).Trim().ToLowerInvariant();
        if (!ProjectRoles.Assignable.Contains(role))
        {
            return ServiceError.Invalid("role", $"role is {string.Join(" or ", ProjectRoles.Assignable)}; the owner is always the project's creator.");
        }

        var username = AccountRules.NormaliseUsername(request.Username);
        if (username.Length == 0)
        {
            return ServiceError.Invalid("username", "Name the person to share with by their username.");
        }

        if (await accounts.FindRecordByUsernameAsync(username, cancellationToken) is not { DeletingSince: null } member)
        {
            return new ServiceError(ServiceErrorKind.NotFound, $"There is no user called \"{username}\"; check the spelling of their username.");
        }

        (ProjectRecord Before, ProjectRecord After)? saved = null;
        var outcome = await OptimisticRetry.RunAsync<ServiceResult<ProjectMemberDto>>(async _ =>
        {
            var (project, etag) = await ReadVisibleAsync(user, id, cancellationToken);
            if (project is null)
            {
                return NotFound();
            }

            if (!ProjectAccess.Allows(project, user.UserId, ProjectAction.Manage))
            {
                return ProjectAccess.Denied(project, ProjectAction.Manage);
            }

            if (member.Id == project.OwnerId)
            {
                return ServiceError.Invalid("username", "You own this project already; share it with someone else.");
            }

            var existing = project.Members.FirstOrDefault(m => m.UserId == member.Id);
            if (existing is null && project.Members.Count >= ProjectRules.MaxMembers)
            {
                return new ServiceError(ServiceErrorKind.LimitReached,
                    $"\"{project.Name}\" is shared with {ProjectRules.MaxMembers} people already, the most a project can have; remove someone first.");
            }

            var dto = new ProjectMemberDto(member.Id, member.Username, role);
            if (existing?.Role == role)
            {
                return dto;
            }

            var (sidebar, sidebarETag) = await store.ReadSidebarAsync(member.Id, cancellationToken);
            if (!sidebar.Projects.Any(p => p.Id == project.Id))
            {
                if (sidebar.Projects.Count >= ProjectRules.MaxProjects)
                {
                    return new ServiceError(ServiceErrorKind.LimitReached,
                        $"{member.Username} has {ProjectRules.MaxProjects} projects already, the most anyone can have; they need to leave or delete one first.");
                }

                sidebar.Projects.Add(new SidebarEntry(project.Id, project.OwnerId));
            }

            List<ProjectMember> members = [.. project.Members.Where(m => m.UserId != member.Id), new ProjectMember(member.Id, role)];
            var changed = project with { Members = members, Version = project.Version + 1 };
            if (!await store.TrySaveMembershipAsync(changed, etag, member.Id, sidebar, sidebarETag, cancellationToken))
            {
                return null;
            }

            saved = (project, changed);
            return dto;
        }, cancellationToken);
        if (outcome is { Error: null } && saved is ({ } before, { } after))
        {
            // The new member's open tabs show the project now; the others see who joined.
            await events.PublishAsync(ProjectEventTypes.MemberAdded, after, user.UserId, cancellationToken, before, new ProjectMember(member.Id, role));
        }

        return outcome ?? Busy();
    }

    /// <summary>
    /// Removes <paramref name="memberId"/> (<c>me</c>: the caller) from the project: the owner removes anyone, a member
    /// only themselves (leaving). The owner cannot leave; they delete the project instead.
    /// </summary>
    public async Task<ServiceResult<bool>> RemoveAsync(UserContext user, string id, string memberId, CancellationToken cancellationToken)
    {
        if (IsInbox(id))
        {
            return ServiceError.Invalid("id", "Your Inbox is never shared, so it has no members to remove.");
        }

        var who = string.Equals(memberId, "me", StringComparison.OrdinalIgnoreCase) ? user.UserId : memberId.Trim();
        (ProjectRecord Before, ProjectRecord After)? saved = null;
        var outcome = await OptimisticRetry.RunAsync<ServiceResult<bool>>(async _ =>
        {
            var (project, etag) = await ReadVisibleAsync(user, id, cancellationToken);
            if (project is null)
            {
                return NotFound();
            }

            if (who != user.UserId && !ProjectAccess.Allows(project, user.UserId, ProjectAction.Manage))
            {
                return ProjectAccess.Denied(project, ProjectAction.Manage);
            }

            if (who == project.OwnerId)
            {
                return ServiceError.Invalid("userId", "The owner cannot leave their own project; delete it if it is no longer needed.");
            }

            if (project.Members.All(m => m.UserId != who))
            {
                return ServiceError.NotFound("That member");
            }

            var (sidebar, sidebarETag) = await store.ReadSidebarAsync(who, cancellationToken);
            sidebar.Projects.RemoveAll(p => p.Id == project.Id);
            var changed = project with { Members = project.Members.Where(m => m.UserId != who).ToList(), Version = project.Version + 1 };
            if (!await store.TrySaveMembershipAsync(changed, etag, who, sidebar, sidebarETag, cancellationToken))
            {
                return null;
            }

            saved = (project, changed);
            return true;
        }, cancellationToken);
        if (outcome is { Error: null } && saved is ({ } before, { } after))
        {
            // The audience includes the member as they were: their open tabs drop the project at once.
            var type = who == user.UserId ? ProjectEventTypes.MemberLeft : ProjectEventTypes.MemberRemoved;
            await events.PublishAsync(type, after, user.UserId, cancellationToken, before, new ProjectMember(who, ""));
        }

        return outcome ?? Busy();
    }

    /// <summary>The project when the caller has any role in it and it is not being deleted; otherwise null (a 404).</summary>
    internal async Task<(ProjectRecord? Project, string ETag)> ReadVisibleAsync(UserContext user, string id, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id))
        {
            return (null, "");
        }

        var (project, etag) = await store.GetAsync(id, cancellationToken);
        return project is { Deleting: null } && ProjectAccess.CanSee(project, user.UserId) ? (project, etag) : (null, "");
    }

    private async Task<ProjectMemberList> MembersOfAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        var people = new List<ProjectMemberDto>();
        foreach (var (userId, role) in project.Members.Select(m => (m.UserId, m.Role)).Prepend((project.OwnerId, ProjectRoles.Owner)))
        {
            // A member whose account has gone since is not listed: nobody can sign in as them.
            if (await accounts.FindAsync(userId, cancellationToken) is { } account)
            {
                people.Add(new ProjectMemberDto(userId, account.Username, role));
            }
        }

        return new ProjectMemberList(people);
    }

    private static bool IsInbox(string id) => string.Equals(id.Trim(), ProjectDto.InboxId, StringComparison.OrdinalIgnoreCase);

    private static ServiceError NotFound() => ServiceError.NotFound("The project");

    private static ServiceError Busy() => new(ServiceErrorKind.Conflict,
        $"Too many changes to this project at the same moment; try again in {OptimisticRetry.RetryAfter.TotalSeconds:0} second(s).")
    {
        RetryAfter = OptimisticRetry.RetryAfter,
    };
}
