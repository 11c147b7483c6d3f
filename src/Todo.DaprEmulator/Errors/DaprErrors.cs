using Grpc.Core;

namespace Todo.DaprEmulator.Errors;

/// <summary>
/// The catalogue of daprd errors the emulator returns, shared by the HTTP and gRPC APIs. Each entry names where
/// dapr/dapr v1.18.3 (unchanged since v1.17.13) defines it. Reasons are pkg/messages/errorcodes/errorcodes.go's
/// <c>GrpcCode</c> (or its <c>Code</c> where daprd passes that); the feature code decides which details an error
/// carries, because daprd does (see the call sites' comments).
/// </summary>
internal static class DaprErrors
{
    // ### Common (pkg/messages/predefined.go ErrMalformedRequest and the state API's own body checks)
    public static readonly DaprError Malformed = new("ERR_MALFORMED_REQUEST", 400, StatusCode.InvalidArgument, "{0}");

    // ### State (pkg/api/errors/state.go; pkg/messages/predefined.go for the message formats)
    /// <summary>state.go NotConfigured.</summary>
    public static readonly DaprError StateStoreNotConfigured = new(
        "ERR_STATE_STORE_NOT_CONFIGURED", 500, StatusCode.FailedPrecondition, "state store {0} is not configured", "DAPR_STATE_NOT_CONFIGURED");

    /// <summary>state.go NotFound.</summary>
    public static readonly DaprError StateStoreNotFound = new(
        "ERR_STATE_STORE_NOT_FOUND", 400, StatusCode.InvalidArgument, "state store {0} is not found", "DAPR_STATE_NOT_FOUND");

    /// <summary>state.go InvalidKeyName: the message is the key check's own (state_config.go GetModifiedStateKey).</summary>
    public static readonly DaprError StateIllegalKey = new(
        "ERR_MALFORMED_REQUEST", 400, StatusCode.InvalidArgument, "{0}", "DAPR_STATE_ILLEGAL_KEY");

    /// <summary>state.go QueryUnsupported.</summary>
    public static readonly DaprError StateQueryUnsupported = new(
        "ERR_STATE_STORE_NOT_SUPPORTED", 500, StatusCode.Internal, "state store does not support querying", "DAPR_STATE_QUERYING_NOT_SUPPORTED");

    // The store-call errors: the gRPC API builds them with apierrors.Basic (pkg/api/errors/errors.go: ErrorInfo whose
    // reason is the legacy code, no metadata), the HTTP API with messages.NewAPIErrorHTTP (no details).
    public static readonly DaprError StateGet = new(
        "ERR_STATE_GET", 500, StatusCode.Internal, "fail to get {0} from state store {1}: {2}", "ERR_STATE_GET");

    /// <summary>GetBulkState returns the store's error as is on gRPC; the HTTP API's is legacy.</summary>
    public static readonly DaprError StateBulkGet = new(
        "ERR_STATE_BULK_GET", 500, StatusCode.Internal, "failed getting state in bulk from state store {0}: {1}");

    public static readonly DaprError StateSave = new(
        "ERR_STATE_SAVE", 500, StatusCode.Internal, "failed saving state in state store {0}: {1}", "ERR_STATE_SAVE");

    /// <summary>
    /// gRPC SaveState with an empty key (grpc.go: apierrors.Basic(codes.InvalidArgument, http.StatusBadRequest,
    /// errorcodes.StateSave, "state key cannot be empty")); HTTP onPostState answers ERR_MALFORMED_REQUEST instead.
    /// </summary>
    public static readonly DaprError StateSaveKeyEmpty = new(
        "ERR_STATE_SAVE", 400, StatusCode.InvalidArgument, "state key cannot be empty", "ERR_STATE_SAVE");

    public static readonly DaprError StateDelete = new(
        "ERR_STATE_DELETE", 500, StatusCode.Internal, "failed deleting state with key {0}: {1}", "ERR_STATE_DELETE");

    /// <summary>gRPC DeleteBulkState only (grpc.go: errorcodes.StateBulkDelete, messages.ErrStateDeleteBulk).</summary>
    public static readonly DaprError StateBulkDelete = new(
        "ERR_STATE_BULK_DELETE", 500, StatusCode.Internal, "failed deleting state in state store {0}: {1}", "ERR_STATE_BULK_DELETE");

    public static readonly DaprError StateTransaction = new(
        "ERR_STATE_TRANSACTION", 500, StatusCode.Internal, "error while executing state transaction: {0}", "ERR_STATE_TRANSACTION");

    /// <summary>HTTP 400 (http.go onPostStateTransaction), gRPC Unimplemented (grpc.go, apierrors.Basic).</summary>
    public static readonly DaprError StateOperationNotSupported = new(
        "ERR_NOT_SUPPORTED_STATE_OPERATION", 400, StatusCode.Unimplemented, "operation type {0} not supported", "ERR_NOT_SUPPORTED_STATE_OPERATION");

    // ### Pub/sub (pkg/api/errors/pubsub.go, built the same way by pkg/api/http/http.go and pkg/api/grpc/grpc.go)
    public static readonly DaprError PubSubNotConfigured = new(
        "ERR_PUBSUB_NOT_CONFIGURED", 400, StatusCode.FailedPrecondition, "pubsub {0} is not configured", "DAPR_PUBSUB_NOT_CONFIGURED");

    public static readonly DaprError PubSubNameEmpty = new(
        "ERR_PUBSUB_EMPTY", 404, StatusCode.InvalidArgument, "pubsub name is empty", "DAPR_PUBSUB_NAME_EMPTY");

    public static readonly DaprError PubSubNotFound = new(
        "ERR_PUBSUB_NOT_FOUND", 404, StatusCode.InvalidArgument, "pubsub {0} is not found", "DAPR_PUBSUB_NOT_FOUND");

    public static readonly DaprError PubSubTopicEmpty = new(
        "ERR_TOPIC_NAME_EMPTY", 404, StatusCode.InvalidArgument, "topic is empty in pubsub {0}", "DAPR_PUBSUB_TOPIC_NAME_EMPTY");

    public static readonly DaprError PubSubRequestMetadata = new(
        "ERR_PUBSUB_REQUEST_METADATA", 400, StatusCode.InvalidArgument, "failed deserializing metadata. Error: {0}", "DAPR_PUBSUB_METADATA_DESERIALIZATION");

    public static readonly DaprError PubSubForbidden = new(
        "ERR_PUBSUB_FORBIDDEN", 403, StatusCode.PermissionDenied, "topic {0} is not allowed for app id {1}", "DAPR_PUBSUB_FORBIDDEN");

    public static readonly DaprError PubSubCloudEventCreation = new(
        "ERR_PUBSUB_CLOUD_EVENTS_SER", 500, StatusCode.InvalidArgument, "cannot create cloudevent", "DAPR_PUBSUB_CLOUD_EVENT_CREATION");

    public static readonly DaprError PubSubPublishMessage = new(
        "ERR_PUBSUB_PUBLISH_MESSAGE", 500, StatusCode.Internal, "error when publishing to topic {0} in pubsub {1}: {2}", "DAPR_PUBSUB_PUBLISH_MESSAGE");

    // Bulk publish (pubsub.go MarshalEvents / MarshalEnvelope / UnmarshalEvents): one legacy code, three reasons.
    public static readonly DaprError PubSubMarshalEvents = new(
        "ERR_PUBSUB_EVENTS_SER", 400, StatusCode.InvalidArgument, "error marshaling events to bytes for topic {0} pubsub {1}. error: {2}", "DAPR_PUBSUB_MARSHAL_EVENTS");

    public static readonly DaprError PubSubMarshalEnvelope = new(
        "ERR_PUBSUB_EVENTS_SER", 400, StatusCode.InvalidArgument, "error when marshalling cloud event envelope for topic {0} pubsub {1}: {2}", "DAPR_PUBSUB_MARSHAL_ENVELOPE");

    public static readonly DaprError PubSubUnmarshalEvents = new(
        "ERR_PUBSUB_EVENTS_SER", 400, StatusCode.InvalidArgument, "error when unmarshaling the request for topic {0} pubsub {1}: {2}", "DAPR_PUBSUB_UNMARSHAL_EVENTS");

    // ### Jobs (pkg/api/errors/scheduler.go and errors.go Empty). No legacy tag: the HTTP body's errorCode is the reason.
    public static readonly DaprError SchedulerEmpty = new(
        "DAPR_SCHEDULER_EMPTY", 400, StatusCode.InvalidArgument, "{0} is empty", "DAPR_SCHEDULER_EMPTY");

    public static readonly DaprError SchedulerJobNameEmpty = new(
        "DAPR_SCHEDULER_JOB_NAME_EMPTY", 400, StatusCode.InvalidArgument, "{0} is empty", "DAPR_SCHEDULER_JOB_NAME_EMPTY");

    public static readonly DaprError SchedulerScheduleEmpty = new(
        "DAPR_SCHEDULER_SCHEDULE_EMPTY", 400, StatusCode.InvalidArgument, "{0} is empty", "DAPR_SCHEDULER_SCHEDULE_EMPTY");

    public static readonly DaprError SchedulerJobName = new(
        "DAPR_SCHEDULER_JOB_NAME", 400, StatusCode.InvalidArgument, "Set the job name in the url only", "DAPR_SCHEDULER_JOB_NAME");

    /// <summary>scheduler.go SchedulerScheduleJob: the scheduler's gRPC code, and the HTTP status that code maps to.</summary>
    public static readonly DaprError SchedulerScheduleJob = new(
        "DAPR_SCHEDULER_SCHEDULE_JOB", 500, StatusCode.Internal, "failed to schedule job due to: {0}", "DAPR_SCHEDULER_SCHEDULE_JOB");

    public static readonly DaprError SchedulerGetJob = new(
        "DAPR_SCHEDULER_GET_JOB", 500, StatusCode.Internal, "failed to get job due to: {0}", "DAPR_SCHEDULER_GET_JOB");

    public static readonly DaprError SchedulerDeleteJob = new(
        "DAPR_SCHEDULER_DELETE_JOB", 500, StatusCode.Internal, "failed to delete job due to: {0}", "DAPR_SCHEDULER_DELETE_JOB");

    /// <summary>The jobs HTTP API's body decoding (pkg/api/http/universalapi.go: ErrMalformedRequest), legacy.</summary>
    public static readonly DaprError JobMalformed = new("ERR_MALFORMED_REQUEST", 400, StatusCode.InvalidArgument, "failed to decode job: {0}");

    // ### Secrets (pkg/messages/predefined.go, legacy)
    public static readonly DaprError SecretStoresNotConfigured = new(
        "ERR_SECRET_STORES_NOT_CONFIGURED", 500, StatusCode.FailedPrecondition, "secret store is not configured");

    public static readonly DaprError SecretStoreNotFound = new(
        "ERR_SECRET_STORE_NOT_FOUND", 401, StatusCode.InvalidArgument, "failed finding secret store with key {0}");

    /// <summary>Go's <c>%q</c>: the arguments come quoted.</summary>
    public static readonly DaprError SecretPermissionDenied = new(
        "ERR_PERMISSION_DENIED", 403, StatusCode.PermissionDenied, "access denied by policy to get {0} from {1}");

    public static readonly DaprError SecretGet = new(
        "ERR_SECRET_GET", 500, StatusCode.Internal, "failed getting secret with key {0} from secret store {1}: {2}");

    public static readonly DaprError BulkSecretGet = new(
        "ERR_SECRET_GET", 500, StatusCode.Internal, "failed getting secrets from secret store {0}: {1}");

    // ### Health (pkg/messages/predefined.go, legacy)
    public static readonly DaprError HealthNotReady = new("ERR_HEALTH_NOT_READY", 500, StatusCode.Internal, "dapr is not ready");

    public static readonly DaprError HealthAppIdNotMatch = new("ERR_HEALTH_APPID_NOT_MATCH", 500, StatusCode.Internal, "dapr app-id does not match");

    public static readonly DaprError OutboundHealthNotReady = new("ERR_OUTBOUND_HEALTH_NOT_READY", 500, StatusCode.Internal, "dapr outbound is not ready");

    // ### Service invocation (pkg/messages/predefined.go ErrDirectInvoke and pkg/api/http/directmessaging.go, legacy):
    // one code whose status and message depend on what failed, so the call sites format the message.
    public static readonly DaprError DirectInvoke = new("ERR_DIRECT_INVOKE", 500, StatusCode.Internal, "{0}");
}
