namespace Todo.Contracts.Projects;

/// <summary>The roles a person can have in a project (ADR 0011, step 2).</summary>
public static class ProjectRoles
{
    /// <summary>The creator: everything, including sharing, renaming and deleting. There is exactly one.</summary>
    public const string Owner = "owner";

    /// <summary>Reads and changes the project's tasks; cannot share, rename or delete the project.</summary>
    public const string Editor = "editor";

    /// <summary>Reads the project's tasks and activity only.</summary>
    public const string Viewer = "viewer";

    /// <summary>The roles a member can be given (the owner is always the creator).</summary>
    public static readonly IReadOnlyList<string> Assignable = [Editor, Viewer];
}

/// <summary>One person with access to a project.</summary>
/// <param name="UserId">Their user id (what a task's <c>assigneeId</c> names).</param>
/// <param name="Username">Their username.</param>
/// <param name="Role"><c>owner</c>, <c>editor</c> or <c>viewer</c>.</param>
public sealed record ProjectMemberDto(string UserId, string Username, string Role);

/// <summary>Everyone with access to a project, the owner first.</summary>
public sealed record ProjectMemberList(IReadOnlyList<ProjectMemberDto> Items);

/// <summary>Body of <c>POST /api/projects/{id}/members</c>: share the project with a user, or change their role.</summary>
/// <param name="Username">The username of the person to share with.</param>
/// <param name="Role"><c>editor</c> (the default) or <c>viewer</c>.</param>
public sealed record ShareProjectRequest(string? Username, string? Role = null);

/// <summary>One entry of a project's activity: who did what to which task (or who shared it with whom), newest first.</summary>
/// <param name="EventId">The task or project event it was built from.</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ActorName">Their username (empty once their account is gone).</param>
/// <param name="Action">For a task: <c>created</c>, <c>updated</c>, <c>completed</c>, <c>reopened</c> or <c>deleted</c>;
/// for the members: <c>shared</c> (with <see cref="MemberName"/>, or their role changed), <c>removed</c> or <c>left</c>.</param>
/// <param name="TaskId">The task (empty for a member entry).</param>
/// <param name="TaskTitle">The task's title at that moment (empty for a member entry).</param>
public sealed record ActivityEntryDto(string EventId, DateTimeOffset At, string ActorId, string ActorName, string Action, string TaskId, string TaskTitle)
{
    /// <summary>For a member entry: whose membership changed (their username; empty once their account is gone).</summary>
    public string? MemberName { get; init; }

    /// <summary>For a <c>shared</c> entry: the member's role from then on.</summary>
    public string? Role { get; init; }
}

/// <summary>A project's recent activity, newest first (at most the last 200 changes).</summary>
public sealed record ActivityList(IReadOnlyList<ActivityEntryDto> Items);
