using Grpc.Core;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// daprd's scheduler errors (pkg/api/errors/scheduler.go, errors.go Empty): every one is a kit error without a legacy
/// tag, so the HTTP body's errorCode is the ErrorInfo reason, and the ErrorInfo's metadata is the caller's app id and
/// namespace (pkg/api/universal/jobs.go errMetadata), added by <see cref="ScopedAsync{T}"/> at the API edge.
/// </summary>
internal static class JobErrors
{
    public static DaprApiException Empty(string what, DaprError error) => error.Rich(error.Message(what));

    /// <summary>pkg/api/http/jobs.go: only the app id as metadata.</summary>
    public static DaprApiException NameInBody(string appId) =>
        DaprErrors.SchedulerJobName.Rich(DaprErrors.SchedulerJobName.Message(), new Dictionary<string, string> { ["appID"] = appId });

    /// <summary>A body that does not decode: the HTTP API's legacy ERR_MALFORMED_REQUEST, no details.</summary>
    public static DaprApiException Malformed(string problem) => DaprErrors.JobMalformed.Legacy(problem);

    /// <summary>The scheduler rejected the job: its gRPC code is kept, the HTTP status follows it (kit grpccodes).</summary>
    public static DaprApiException Invalid(string problem) =>
        ScheduleJob(400, StatusCode.InvalidArgument, $"rpc error: code = InvalidArgument desc = {problem}");

    public static DaprApiException AlreadyExists(string name) =>
        ScheduleJob(409, StatusCode.AlreadyExists, $"rpc error: code = AlreadyExists desc = job already exists: {name}");

    public static DaprApiException ScheduleFailed(Exception ex) => ScheduleJob(500, StatusCode.Internal, ex.Message);

    /// <summary>daprd reports a missing job as a failed get (Internal): the scheduler's NotFound is wrapped.</summary>
    public static DaprApiException NotFound(string name) =>
        DaprErrors.SchedulerGetJob.Rich(DaprErrors.SchedulerGetJob.Message($"rpc error: code = NotFound desc = job not found: {name}"));

    public static DaprApiException DeleteFailed(Exception ex) =>
        DaprErrors.SchedulerDeleteJob.Rich(DaprErrors.SchedulerDeleteJob.Message(ex.Message));

    /// <summary>
    /// Runs a jobs API call for <paramref name="sidecar"/>'s app and gives the scheduler errors it throws daprd's
    /// ErrorInfo metadata (app id and namespace) where the thrower did not set any.
    /// </summary>
    public static async Task<T> ScopedAsync<T>(Sidecar sidecar, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DaprApiException ex) when (ex.Reason?.StartsWith("DAPR_SCHEDULER_", StringComparison.Ordinal) == true &&
                                          ex.Details.OfType<ErrorInfoDetail>().Single().Metadata is null)
        {
            throw ex.WithErrorMetadata(new Dictionary<string, string>
            {
                ["appID"] = sidecar.AppId,
                // pkg/security/security.go CurrentNamespace: NAMESPACE, else "default".
                ["namespace"] = sidecar.Namespace ?? "default",
            });
        }
    }

    private static DaprApiException ScheduleJob(int httpStatus, StatusCode grpcStatus, string problem)
    {
        var error = DaprErrors.SchedulerScheduleJob.WithStatus(httpStatus, grpcStatus);
        return error.Rich(error.Message(problem));
    }
}
