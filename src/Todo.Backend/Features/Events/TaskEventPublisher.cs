using Dapr.Client;
using Todo.Backend.Features.Projects;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Events;

/// <summary>
/// Publishes <c>com.todo.task.*</c> CloudEvents to <see cref="DaprNames.TaskEventsTopic"/>. The CloudEvent id is
/// deterministic (task, version, type) so a retried publish is recognisable as the same event, and the user id is the
/// partition key so one user's events stay in order on Kafka.
/// </summary>
internal sealed class TaskEventPublisher(DaprClient dapr, ProjectStore projects, TimeProvider time, ILogger<TaskEventPublisher> logger)
{
    /// <summary>A change made by the task's owner, for everyone who sees its project (read from the project's record).</summary>
    public async Task PublishAsync(string type, string userId, TaskDto task, long version, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> audience = [userId];
        try
        {
            if (task.ProjectId != ProjectDto.InboxId && (await projects.GetAsync(task.ProjectId, cancellationToken)).Project is { } project)
            {
                audience = ProjectAccess.Audience(project);
            }
        }
        catch (Dapr.DaprException ex)
        {
            // Without the record the owner at least hears of it; the members catch up on their next load.
            logger.LogWarning(ex, "Reading project {ProjectId} for the audience of task {TaskId} failed", task.ProjectId, task.Id);
        }

        await PublishAsync(type, userId, userId, task, version, audience, cancellationToken);
    }

    /// <summary>
    /// A change by <paramref name="actorId"/> to a task of <paramref name="ownerId"/>, for <paramref name="audience"/>
    /// (the project's owner and members, ADR 0011 step 2). The owner's id stays the partition key, so the events of
    /// one project stay in order whoever makes the changes.
    /// </summary>
    public async Task PublishAsync(string type, string ownerId, string actorId, TaskDto task, long version, IReadOnlyList<string> audience, CancellationToken cancellationToken)
    {
        var eventId = $"{task.Id}-v{version}-{type[(type.LastIndexOf('.') + 1)..]}";
        await PublishAsync(new TaskChanged(eventId, type, ownerId, task, time.GetUtcNow()) { Audience = audience, ActorId = actorId }, cancellationToken);
    }

    /// <summary>
    /// A new place of <paramref name="task"/> in its project's manual order (ADR 0016). The task's version does not
    /// change with a move, so the id also names the index state it was made from (its ETag before the write) and the
    /// order after it: a retried publish of one move keeps its id, a later move (even back to an earlier order) gets
    /// a new one and is not de-duplicated away.
    /// </summary>
    public Task PublishMoveAsync(string ownerId, string actorId, TaskDto task, long version, TaskOrder order, string? indexETag,
        IReadOnlyList<string> audience, CancellationToken cancellationToken)
    {
        var place = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{indexETag}\n{string.Join(',', order.TaskIds)}")))[..16];
        var eventId = $"{task.Id}-v{version}-moved-{place}";
        var data = new TaskChanged(eventId, TaskEventTypes.Moved, ownerId, task, time.GetUtcNow())
        {
            Audience = audience,
            ActorId = actorId,
            // A very long project's order is left out (the event stays small); its tabs read their list again.
            Order = order.TaskIds.Count <= TaskChanged.MaxOrderInEvent ? order : null,
        };
        return PublishAsync(data, cancellationToken);
    }

    private async Task PublishAsync(TaskChanged data, CancellationToken cancellationToken)
    {
        var (eventId, type, ownerId, task) = (data.EventId, data.Type, data.UserId, data.Task);
        try
        {
            await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.TaskEventsTopic, data, Metadata(eventId, type, ownerId), cancellationToken);
        }
        catch (Exception ex) when (ex is Dapr.DaprException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The change is saved; a lost notification only delays other tabs until their next refresh.
            logger.LogError(ex, "Publishing {Type} for task {TaskId} failed", type, task.Id);
        }
    }

    public static Dictionary<string, string> Metadata(string eventId, string type, string userId) => new()
    {
        ["cloudevent.id"] = eventId,
        ["cloudevent.type"] = type,
        ["partitionKey"] = userId,
    };
}
