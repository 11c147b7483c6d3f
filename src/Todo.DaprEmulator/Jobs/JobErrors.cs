using Grpc.Core;
using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.Jobs;

/// <summary>daprd's scheduler errors (pkg/api/errors/scheduler.go, errorcodes.go): code, HTTP status and gRPC status.</summary>
internal static class JobErrors
{
    public static DaprApiException Empty(string what, string code) =>
        new(400, StatusCode.InvalidArgument, code, $"{what} is empty");

    public static DaprApiException NameInBody() =>
        new(400, StatusCode.InvalidArgument, "DAPR_SCHEDULER_JOB_NAME", "Set the job name in the url only");

    public static DaprApiException Malformed(string problem) =>
        new(400, StatusCode.InvalidArgument, "ERR_MALFORMED_REQUEST", $"failed to decode job: {problem}");

    /// <summary>The scheduler rejected the job: its gRPC code is kept, the HTTP status follows it.</summary>
    public static DaprApiException Invalid(string problem) =>
        new(400, StatusCode.InvalidArgument, "DAPR_SCHEDULER_SCHEDULE_JOB",
            $"failed to schedule job due to: rpc error: code = InvalidArgument desc = {problem}");

    public static DaprApiException AlreadyExists(string name) =>
        new(409, StatusCode.AlreadyExists, "DAPR_SCHEDULER_SCHEDULE_JOB",
            $"failed to schedule job due to: rpc error: code = AlreadyExists desc = job already exists: {name}");

    public static DaprApiException ScheduleFailed(Exception ex) =>
        new(500, StatusCode.Internal, "DAPR_SCHEDULER_SCHEDULE_JOB", $"failed to schedule job due to: {ex.Message}");

    public static DaprApiException NotFound(string name) =>
        new(500, StatusCode.Internal, "DAPR_SCHEDULER_GET_JOB",
            $"failed to get job due to: rpc error: code = NotFound desc = job not found: {name}");

    public static DaprApiException DeleteFailed(Exception ex) =>
        new(500, StatusCode.Internal, "DAPR_SCHEDULER_DELETE_JOB", $"failed to delete job due to: {ex.Message}");
}
