using System.Net;
using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Todo.DaprEmulator.Tests.Errors;
using static Todo.DaprEmulator.Tests.Jobs.JobsTestKit;

namespace Todo.DaprEmulator.Tests.Jobs;

/// <summary>
/// Scheduler errors are kit errors without a legacy tag (dapr/dapr v1.18.3 pkg/api/errors/scheduler.go, errors.go
/// Empty): the HTTP errorCode is the ErrorInfo reason, and the ErrorInfo names the app and its namespace
/// (pkg/api/universal/jobs.go errMetadata; pkg/security/security.go CurrentNamespace defaults to "default").
/// </summary>
public sealed class JobErrorDetailsTests
{
    [Fact]
    public async Task AJobWithoutScheduleOverHttpNamesTheAppAndNamespace()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        using var http = emulator.Http();

        using var response = await http.PostAsync($"/v1.0/jobs/{UniqueName("empty")}", Json("{}"));

        await RichStatus.AssertHttpAsync(response, HttpStatusCode.BadRequest, """
            {"errorCode":"DAPR_SCHEDULER_SCHEDULE_EMPTY","message":"Schedule is empty","details":[
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_SCHEDULER_SCHEDULE_EMPTY","domain":"dapr.io","metadata":{"appID":"app-a","namespace":"default"}}]}
            """);
    }

    [Fact]
    public async Task ANameInTheBodyNamesOnlyTheApp()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        using var http = emulator.Http();

        using var response = await http.PostAsync("/v1.0/jobs/in-url", Json("""{"name":"in-body","dueTime":"1h"}"""));

        // pkg/api/http/jobs.go onCreateScheduleHandler: SchedulerURLName(map{"appID": ...}).
        await RichStatus.AssertHttpAsync(response, HttpStatusCode.BadRequest, """
            {"errorCode":"DAPR_SCHEDULER_JOB_NAME","message":"Set the job name in the url only","details":[
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DAPR_SCHEDULER_JOB_NAME","domain":"dapr.io","metadata":{"appID":"app-a"}}]}
            """);
    }

    [Fact]
    public async Task AMissingJobOverGrpcIsAFailedGetWithTheSchedulerReason()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        var grpc = GrpcClient(emulator);
        var name = UniqueName("missing");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await grpc.GetJobAsync(new GetJobRequest { Name = name }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        var info = RichStatus.ErrorInfo(RichStatus.FromTrailer(error));
        Assert.Equal(("DAPR_SCHEDULER_GET_JOB", "dapr.io"), (info.Reason, info.Domain));
        Assert.Equal(new Dictionary<string, string> { ["appID"] = "app-a", ["namespace"] = "default" }, info.Metadata);
    }
}
