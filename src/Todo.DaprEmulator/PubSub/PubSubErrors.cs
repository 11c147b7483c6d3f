using Grpc.Core;
using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.PubSub;

/// <summary>daprd's publish errors (pkg/messages, pkg/api/errors/pubsub.go): HTTP status, gRPC code, error code.</summary>
internal static class PubSubErrors
{
    public static DaprApiException NotConfigured() =>
        new(400, StatusCode.FailedPrecondition, "ERR_PUBSUB_NOT_CONFIGURED", "no pubsub is configured");

    public static DaprApiException Empty() =>
        new(404, StatusCode.InvalidArgument, "ERR_PUBSUB_EMPTY", "pubsub name is empty");

    public static DaprApiException NotFound(string pubsub) =>
        new(404, StatusCode.InvalidArgument, "ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsub} not found");

    public static DaprApiException TopicEmpty(string pubsub) =>
        new(404, StatusCode.InvalidArgument, "ERR_TOPIC_NAME_EMPTY", $"topic is empty in pubsub {pubsub}");

    public static DaprApiException Metadata(string problem) =>
        new(400, StatusCode.InvalidArgument, "ERR_PUBSUB_REQUEST_METADATA", $"failed deserializing metadata: {problem}");

    public static DaprApiException Forbidden(string topic, string appId) =>
        new(403, StatusCode.PermissionDenied, "ERR_PUBSUB_FORBIDDEN", $"topic {topic} is not allowed for app id {appId}");

    public static DaprApiException CloudEvent(string problem) =>
        new(500, StatusCode.InvalidArgument, "ERR_PUBSUB_CLOUD_EVENTS_SER", $"cannot create cloudevent: {problem}");

    public static DaprApiException Publish(string topic, string pubsub, string problem) =>
        new(500, StatusCode.Internal, "ERR_PUBSUB_PUBLISH_MESSAGE", $"error when publish to topic {topic} in pubsub {pubsub}: {problem}");
}
