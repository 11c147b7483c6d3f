namespace Todo.Backend.Features.Activity;

/// <summary>
/// One stored entry of a project's activity (key <c>activity-{projectId}</c>), built from one task event, or from one
/// membership event (then <see cref="MemberId"/> is set and the task fields are empty).
/// </summary>
internal sealed record ActivityEntry(string EventId, DateTimeOffset At, string ActorId, string Action, string TaskId, string TaskTitle)
{
    public string? MemberId { get; init; }

    public string? Role { get; init; }
}

/// <summary>A project's activity, newest first, at most <see cref="ActivityStore.MaxEntries"/> entries.</summary>
internal sealed record ActivityLog(List<ActivityEntry> Entries);
