namespace Todo.Contracts.Projects;

/// <summary>A project (list) as the API returns it. Every user has an Inbox (<see cref="InboxId"/>).</summary>
/// <param name="Id">Opaque project id; <c>inbox</c> for the user's Inbox.</param>
/// <param name="Name">1–60 characters, unique among the user's projects (case-insensitive).</param>
/// <param name="Color">A colour <c>#rrggbb</c>, or null.</param>
/// <param name="Archived">Archived projects keep their tasks but take no new ones.</param>
/// <param name="IsInbox">True for the Inbox, which cannot be renamed, archived or deleted.</param>
/// <param name="OpenCount">How many open tasks the project holds.</param>
/// <param name="Role">The caller's role in the project: <c>owner</c> (sharing adds <c>editor</c>).</param>
/// <param name="ETag">The project's version.</param>
public sealed record ProjectDto(string Id, string Name, string? Color, bool Archived, bool IsInbox, int OpenCount, string Role, string ETag)
{
    /// <summary>The id of every user's Inbox on the wire.</summary>
    public const string InboxId = "inbox";

    /// <summary>The Inbox's name.</summary>
    public const string InboxName = "Inbox";
}

/// <summary>The user's projects in sidebar order, the Inbox first.</summary>
public sealed record ProjectList(IReadOnlyList<ProjectDto> Items);

/// <summary>Body of <c>POST /api/projects</c>.</summary>
/// <param name="Name">1–60 characters, unique among the user's projects.</param>
/// <param name="Color">Optional colour <c>#rrggbb</c>.</param>
public sealed record CreateProjectRequest(string? Name, string? Color = null);

/// <summary>Body of <c>PATCH /api/projects/{id}</c>: absent properties stay unchanged.</summary>
/// <param name="Name">New name.</param>
/// <param name="Color">New colour <c>#rrggbb</c>; an empty string clears it.</param>
/// <param name="Archived">Archive (true) or restore (false).</param>
/// <param name="Position">Move to this place in the sidebar, 0 being the first after the Inbox.</param>
public sealed record UpdateProjectRequest(string? Name = null, string? Color = null, bool? Archived = null, int? Position = null);
