namespace Todo.Contracts.Events;

/// <summary>
/// CloudEvent types of topic <see cref="DaprNames.ProjectEventsTopic"/>: a project or its membership changed. They
/// let every open tab of everyone concerned move its sidebar at once (a project shared with them appears, one they
/// were removed from disappears) instead of at the next load. The CloudEvent id is deterministic (project, version,
/// verb) so subscribers can de-duplicate at-least-once deliveries.
/// </summary>
public static class ProjectEventTypes
{
    /// <summary>A project was created.</summary>
    public const string Created = "com.todo.project.created";

    /// <summary>A project's name, colour or archived flag changed.</summary>
    public const string Updated = "com.todo.project.updated";

    /// <summary>A user moved a project in their own sidebar (their audience is themselves: the order is per user).</summary>
    public const string Reordered = "com.todo.project.reordered";

    /// <summary>A project was deleted (its tasks deleted or moved).</summary>
    public const string Deleted = "com.todo.project.deleted";

    /// <summary>The owner shared the project with someone, or changed their role.</summary>
    public const string MemberAdded = "com.todo.project.memberadded";

    /// <summary>The owner removed a member.</summary>
    public const string MemberRemoved = "com.todo.project.memberremoved";

    /// <summary>A member left the project.</summary>
    public const string MemberLeft = "com.todo.project.memberleft";

    /// <summary>Every project event type.</summary>
    public static readonly IReadOnlyList<string> All = [Created, Updated, Reordered, Deleted, MemberAdded, MemberRemoved, MemberLeft];
}

/// <summary>The data of every <c>com.todo.project.*</c> event.</summary>
/// <param name="EventId">The CloudEvent id, repeated in the data for subscribers that only see the data.</param>
/// <param name="Type">The CloudEvent type (<see cref="ProjectEventTypes"/>).</param>
/// <param name="OwnerId">The project's owner; also the partition key, so one project's events stay in order.</param>
/// <param name="ProjectId">The project.</param>
/// <param name="Name">The project's name after the change (for a deletion, as it was).</param>
/// <param name="OccurredAt">When the change happened (UTC).</param>
public sealed record ProjectChanged(string EventId, string Type, string OwnerId, string ProjectId, string Name, DateTimeOffset OccurredAt)
{
    /// <summary>
    /// Everyone the change concerns: the owner and the members before AND after it, so a removed member (or one who
    /// left, in their other tabs) learns it too. For a reorder, only the user whose sidebar it is.
    /// </summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>Who made the change.</summary>
    public string? ActorId { get; init; }

    /// <summary>For member events: whose membership changed.</summary>
    public string? MemberId { get; init; }

    /// <summary>For <see cref="ProjectEventTypes.MemberAdded"/>: the member's role now.</summary>
    public string? Role { get; init; }

    /// <summary>The project's version after the change (its ETag on the wire).</summary>
    public long Version { get; init; }
}
