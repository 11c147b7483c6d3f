using Dapr.Client;
using Todo.Contracts;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Events;

/// <summary>
/// Publishes <c>com.todo.task.*</c> CloudEvents to <see cref="DaprNames.TaskEventsTopic"/>. The CloudEvent id is
/// deterministic (task, version, type) so a retried publish is recognisable as the same event, and the user id is the
/// partition key so one user's events stay in order on Kafka.
/// </summary>
internal sealed class TaskEventPublisher(DaprClient dapr, TimeProvider time, ILogger<TaskEventPublisher> logger)
{
    public async Task PublishAsync(string type, string userId, TaskDto task, long version, CancellationToken cancellationToken)
    {
        var eventId = $"{task.Id}-v{version}-{type[(type.LastIndexOf('.') + 1)..]}";
        var data = new TaskChanged(eventId, type, userId, task, time.GetUtcNow());
        try
        {
            await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.TaskEventsTopic, data, Metadata(eventId, type, userId), cancellationToken);
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
