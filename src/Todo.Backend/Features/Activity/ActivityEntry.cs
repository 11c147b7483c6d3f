namespace Todo.Backend.Features.Activity;

/// <summary>One stored entry of a project's activity (key <c>activity-{projectId}</c>), built from one task event.</summary>
internal sealed record ActivityEntry(string EventId, DateTimeOffset At, string ActorId, string Action, string TaskId, string TaskTitle);

/// <summary>A project's activity, newest first, at most <see cref="ActivityStore.MaxEntries"/> entries.</summary>
internal sealed record ActivityLog(List<ActivityEntry> Entries);
