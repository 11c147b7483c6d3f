using Todo.Backend.Features.Projects;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.ServiceDefaults.Dapr;

namespace Todo.Backend.Features.Activity;

/// <summary>
/// Builds each project's "who did what" from the task events (issue 15 item 7): every change of a task in a project
/// (not the Inbox, which is never shared) becomes one entry, de-duplicated by event id. An event of a project that is
/// gone adds nothing, so a deleted project's history is not brought back by the deletes it published.
/// </summary>
internal sealed class ActivityRecorder(ActivityStore store, ProjectStore projects, ILogger<ActivityRecorder> logger)
{
    public async Task<TopicOutcome> HandleAsync(TaskChanged change, CancellationToken cancellationToken)
    {
        if (change.Task is not { Id.Length: > 0 } task || task.ProjectId is null or ProjectDto.InboxId)
        {
            return TopicOutcome.Success;
        }

        if (!TaskEventTypes.All.Contains(change.Type) || string.IsNullOrEmpty(change.UserId))
        {
            return TopicDelivery.Drop(logger, DaprNames.TaskEventsTopic, $"not a task event of a user ({change.Type})");
        }

        if (change.Type is TaskEventTypes.Moved or TaskEventTypes.Removed)
        {
            // A new place in the manual order is housekeeping, not history (a move between projects is an update, and
            // Removed only tells the old project's other members that the task left their view).
            return TopicOutcome.Success;
        }

        if ((await projects.GetAsync(task.ProjectId, cancellationToken)).Project is not { Deleting: null })
        {
            return TopicOutcome.Success;
        }

        var action = change.Type[(change.Type.LastIndexOf('.') + 1)..];
        var entry = new ActivityEntry(change.EventId, change.OccurredAt, change.ActorId ?? change.UserId, action, task.Id, task.Title);
        return await store.AddAsync(task.ProjectId, entry, cancellationToken) ? TopicOutcome.Success : TopicOutcome.Retry;
    }

    /// <summary>
    /// Who shared the project with whom, who was removed and who left: the membership events of project-events. Other
    /// project events (renames, order, deletion) are not part of a project's history of who did what to its tasks.
    /// </summary>
    public async Task<TopicOutcome> HandleAsync(ProjectChanged change, CancellationToken cancellationToken)
    {
        var action = change.Type switch
        {
            ProjectEventTypes.MemberAdded => "shared",
            ProjectEventTypes.MemberRemoved => "removed",
            ProjectEventTypes.MemberLeft => "left",
            _ when ProjectEventTypes.All.Contains(change.Type) => null,
            _ => "?",
        };
        if (action == "?" || string.IsNullOrEmpty(change.ProjectId) || string.IsNullOrEmpty(change.EventId))
        {
            return TopicDelivery.Drop(logger, DaprNames.ProjectEventsTopic, $"not a project event ({change.Type})");
        }

        if (action is null || string.IsNullOrEmpty(change.MemberId)
            || (await projects.GetAsync(change.ProjectId, cancellationToken)).Project is not { Deleting: null })
        {
            return TopicOutcome.Success;
        }

        var entry = new ActivityEntry(change.EventId, change.OccurredAt, change.ActorId ?? change.OwnerId, action, "", "")
        {
            MemberId = change.MemberId,
            Role = action == "shared" ? change.Role : null,
        };
        return await store.AddAsync(change.ProjectId, entry, cancellationToken) ? TopicOutcome.Success : TopicOutcome.Retry;
    }
}
