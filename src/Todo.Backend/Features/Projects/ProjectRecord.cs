namespace Todo.Backend.Features.Projects;

/// <summary>A project as stored (key <c>project-{id}</c>, ADR 0011). The Inbox has no record.</summary>
internal sealed record ProjectRecord
{
    public required string Id { get; init; }

    /// <summary>Who created it and whose key space its tasks are in; the only one allowed in until sharing adds members.</summary>
    public required string OwnerId { get; init; }

    public required string Name { get; init; }

    public string? Color { get; init; }

    public bool Archived { get; init; }

    /// <summary>Stored empty in step 1; sharing adds <c>{userId, role}</c> here without a new key (ADR 0011).</summary>
    public IReadOnlyList<ProjectMember> Members { get; init; } = [];

    /// <summary>Set when a delete has begun: the project is hidden and takes no tasks; the next DELETE finishes it.</summary>
    public ProjectDeletion? Deleting { get; init; }

    /// <summary>1 when created, +1 per change: the project's ETag on the wire.</summary>
    public long Version { get; init; } = 1;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A member of a shared project and their role (owner, editor); written by the sharing step.</summary>
internal sealed record ProjectMember(string UserId, string Role);

/// <summary>How a begun delete treats the project's tasks: <c>delete</c> them, or <c>move</c> them to <see cref="To"/>.</summary>
internal sealed record ProjectDeletion(string Tasks, string? To);

/// <summary>
/// A user's sidebar (key <c>projects-{userId}</c>): the projects they see, in their own order. Each entry names the
/// owner too, so a project shared with the user later is reached without reading its record first.
/// </summary>
internal sealed record ProjectSidebar(List<SidebarEntry> Projects);

internal sealed record SidebarEntry(string Id, string OwnerId);
