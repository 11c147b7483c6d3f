using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// daprd's publish errors with their details, as pkg/api/errors/pubsub.go builds them for both APIs
/// (pkg/api/http/http.go onPublish, pkg/api/grpc/grpc.go validateAndGetPubsubAndTopic): a ResourceInfo naming the
/// pub/sub (described by the message) except for "not configured"/"not found", then an ErrorInfo whose metadata is
/// the request's metadata, or what went wrong.
/// </summary>
internal static class PubSubErrors
{
    private const string ResourceType = "pubsub";

    /// <summary>The HTTP API passes the request's metadata, the gRPC API nil (grpc.go WithMetadata(nil)).</summary>
    public static DaprApiException NotConfigured(string pubsub, IReadOnlyDictionary<string, string> metadata, DaprApi api) =>
        DaprErrors.PubSubNotConfigured.Rich(DaprErrors.PubSubNotConfigured.Message(pubsub), api == DaprApi.Http ? metadata : null);

    public static DaprApiException NotFound(string pubsub, IReadOnlyDictionary<string, string> metadata, DaprApi api) =>
        DaprErrors.PubSubNotFound.Rich(DaprErrors.PubSubNotFound.Message(pubsub), api == DaprApi.Http ? metadata : null);

    public static DaprApiException Empty(IReadOnlyDictionary<string, string> metadata) =>
        WithResource(DaprErrors.PubSubNameEmpty, "", metadata);

    public static DaprApiException TopicEmpty(string pubsub, IReadOnlyDictionary<string, string> metadata) =>
        WithResource(DaprErrors.PubSubTopicEmpty, pubsub, metadata, pubsub);

    public static DaprApiException Metadata(string pubsub, IReadOnlyDictionary<string, string> metadata, string problem) =>
        WithResource(DaprErrors.PubSubRequestMetadata, pubsub, metadata, problem);

    /// <summary>The "error" is the runtime's NotAllowedError (pkg/runtime/pubsub/errors.go), worded as the message.</summary>
    public static DaprApiException Forbidden(string pubsub, string topic, string appId)
    {
        var message = DaprErrors.PubSubForbidden.Message(topic, appId);
        return WithResource(DaprErrors.PubSubForbidden, pubsub, new Dictionary<string, string> { ["topic"] = topic, ["error"] = message }, topic, appId);
    }

    /// <summary>pubsub.go WithAppError(appID, err).CloudEventCreation(): the message does not say why, the metadata does.</summary>
    public static DaprApiException CloudEvent(string pubsub, string appId, string problem) =>
        WithResource(DaprErrors.PubSubCloudEventCreation, pubsub, new Dictionary<string, string> { ["appID"] = appId, ["error"] = problem });

    public static DaprApiException Publish(string pubsub, string topic, string problem) =>
        WithResource(DaprErrors.PubSubPublishMessage, pubsub, new Dictionary<string, string> { ["topic"] = topic, ["error"] = problem }, topic, pubsub, problem);

    /// <summary>pubsub.go WithAppError(appID, err).WithTopic(topic).MarshalEvents(): a bulk entry without a unique id.</summary>
    public static DaprApiException MarshalEvents(string pubsub, string topic, string appId, string problem) =>
        WithResource(DaprErrors.PubSubMarshalEvents, pubsub, new Dictionary<string, string> { ["appID"] = appId, ["error"] = problem }, topic, pubsub, problem);

    /// <summary>pubsub.go MarshalEnvelope: a bulk entry whose event does not match its content type (HTTP only).</summary>
    public static DaprApiException MarshalEnvelope(string pubsub, string topic, string appId, string problem) =>
        WithResource(DaprErrors.PubSubMarshalEnvelope, pubsub, new Dictionary<string, string> { ["appID"] = appId, ["error"] = problem }, topic, pubsub, problem);

    /// <summary>pubsub.go WithAppError(appID, nil).WithTopic(topic).UnmarshalEvents(err): a bulk body that is not the entry list.</summary>
    public static DaprApiException UnmarshalEvents(string pubsub, string topic, string appId, string problem) =>
        WithResource(DaprErrors.PubSubUnmarshalEvents, pubsub, new Dictionary<string, string> { ["appID"] = appId }, topic, pubsub, problem);

    private static DaprApiException WithResource(DaprError error, string pubsub, IReadOnlyDictionary<string, string>? metadata, params object?[] args)
    {
        var message = error.Message(args);
        return error.Rich(message, metadata, new ResourceInfoDetail(ResourceType, pubsub, message));
    }
}
