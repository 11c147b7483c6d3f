using Dapr.Client;
using Todo.Backend.Features.Events;
using Todo.Contracts;
using Todo.Contracts.Events;

namespace Todo.Backend.Features.Projects;

/// <summary>
/// Publishes <c>com.todo.project.*</c> CloudEvents to <see cref="DaprNames.ProjectEventsTopic"/> after a project or its
/// membership changed, so todo-web moves the sidebar of every open tab concerned at once. The audience is the owner and
/// the members before and after the change (a removed member learns of it); the id is deterministic (project, version,
/// verb), and the owner's id is the partition key, so one project's events stay in order on Kafka. A lost publish only
/// delays other tabs until their next load: the change is saved either way.
/// </summary>
internal sealed class ProjectEventPublisher(DaprClient dapr, TimeProvider time, ILogger<ProjectEventPublisher> logger)
{
    /// <summary>A change of <paramref name="after"/> (for a deletion, the record as it was) by <paramref name="actorId"/>.</summary>
    public Task PublishAsync(string type, ProjectRecord after, string actorId, CancellationToken cancellationToken, ProjectRecord? before = null,
        ProjectMember? member = null) =>
        PublishAsync(new ProjectChanged(EventId(after.Id, after.Version, type), type, after.OwnerId, after.Id, after.Name, time.GetUtcNow())
        {
            Audience = [.. (before is null ? [] : ProjectAccess.Audience(before)).Union(ProjectAccess.Audience(after))],
            ActorId = actorId,
            MemberId = member?.UserId,
            Role = member?.Role,
            Version = after.Version,
        }, cancellationToken);

    /// <summary>
    /// <paramref name="userId"/> moved a project in their own sidebar: the order is theirs alone, so are the event and
    /// its audience. The project's version does not move, so the instant makes the id (one publish per move).
    /// </summary>
    public Task PublishReorderedAsync(ProjectRecord project, string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return PublishAsync(new ProjectChanged($"{project.Id}-{userId}-{now.UtcTicks}-reordered", ProjectEventTypes.Reordered, project.OwnerId, project.Id, project.Name, now)
        {
            Audience = [userId],
            ActorId = userId,
            Version = project.Version,
        }, cancellationToken);
    }

    /// <summary><c>{projectId}-v{version}-{verb}</c>, as task events spell theirs.</summary>
    public static string EventId(string projectId, long version, string type) => $"{projectId}-v{version}-{type[(type.LastIndexOf('.') + 1)..]}";

    private async Task PublishAsync(ProjectChanged data, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.ProjectEventsTopic, data,
                TaskEventPublisher.Metadata(data.EventId, data.Type, data.OwnerId), cancellationToken);
        }
        catch (Exception ex) when (ex is Dapr.DaprException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Publishing {Type} for project {ProjectId} failed", data.Type, data.ProjectId);
        }
    }
}
