using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Jobs;

namespace Todo.DaprEmulator.GrpcApi;

public partial class DaprGrpcService
{
    public virtual Task<ScheduleJobResponse> ScheduleJob(ScheduleJobRequest request, ServerCallContext context) =>
        Stable(context, () => JobErrors.ScopedAsync(_sidecar, () => ScheduleJobCore(request, context)));

    private async Task<ScheduleJobResponse> ScheduleJobCore(ScheduleJobRequest request, ServerCallContext context)
    {
        var scheduler = Service<JobScheduler>();
        var definition = JobValidator.Validate(_sidecar.AppId, request.Job, scheduler.Now);
        await scheduler.ScheduleAsync(definition, request.Overwrite, context.CancellationToken);
        return new ScheduleJobResponse();
    }

    public virtual Task<ScheduleJobResponse> ScheduleJobAlpha1(ScheduleJobRequest request, ServerCallContext context) =>
        JobErrors.ScopedAsync(_sidecar, () => ScheduleJobCore(request, context));

    public virtual Task<GetJobResponse> GetJob(GetJobRequest request, ServerCallContext context) =>
        Stable(context, () => JobErrors.ScopedAsync(_sidecar, () => GetJobCore(request, context)));

    private async Task<GetJobResponse> GetJobCore(GetJobRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Name))
        {
            throw JobErrors.Empty("Name", DaprErrors.SchedulerJobNameEmpty);
        }

        // daprd reports a missing job as a failed get (Internal), not NotFound: the scheduler's NotFound is wrapped.
        var definition = await Service<JobScheduler>().GetAsync(_sidecar.AppId, request.Name, context.CancellationToken)
            ?? throw JobErrors.NotFound(request.Name);
        return new GetJobResponse { Job = JobProto.ToProto(definition) };
    }

    public virtual Task<GetJobResponse> GetJobAlpha1(GetJobRequest request, ServerCallContext context) =>
        JobErrors.ScopedAsync(_sidecar, () => GetJobCore(request, context));

    public virtual Task<DeleteJobResponse> DeleteJob(DeleteJobRequest request, ServerCallContext context) =>
        Stable(context, () => JobErrors.ScopedAsync(_sidecar, () => DeleteJobCore(request, context)));

    private async Task<DeleteJobResponse> DeleteJobCore(DeleteJobRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Name))
        {
            throw JobErrors.Empty("Name", DaprErrors.SchedulerJobNameEmpty);
        }

        await Service<JobScheduler>().DeleteAsync(_sidecar.AppId, request.Name, context.CancellationToken);
        return new DeleteJobResponse();
    }

    public virtual Task<DeleteJobResponse> DeleteJobAlpha1(DeleteJobRequest request, ServerCallContext context) =>
        JobErrors.ScopedAsync(_sidecar, () => DeleteJobCore(request, context));

    public virtual Task<ListJobsResponse> ListJobs(ListJobsRequest request, ServerCallContext context) =>
        Stable(context, () => JobErrors.ScopedAsync(_sidecar, () => ListJobsCore(context)));

    private async Task<ListJobsResponse> ListJobsCore(ServerCallContext context)
    {
        var response = new ListJobsResponse();
        response.Jobs.AddRange((await Service<JobScheduler>().ListAsync(_sidecar.AppId, context.CancellationToken)).Select(JobProto.ToProto));
        return response;
    }

    public virtual async Task<ListJobsResponseAlpha1> ListJobsAlpha1(ListJobsRequestAlpha1 request, ServerCallContext context)
    {
        var response = new ListJobsResponseAlpha1();
        response.Jobs.AddRange((await Service<JobScheduler>().ListAsync(_sidecar.AppId, context.CancellationToken)).Select(JobProto.ToProto));
        return response;
    }

    public virtual Task<DeleteJobsByPrefixResponse> DeleteJobsByPrefix(DeleteJobsByPrefixRequest request, ServerCallContext context) =>
        Stable(context, () => JobErrors.ScopedAsync(_sidecar, () => DeleteJobsByPrefixCore(request, context)));

    private async Task<DeleteJobsByPrefixResponse> DeleteJobsByPrefixCore(DeleteJobsByPrefixRequest request, ServerCallContext context)
    {
        await Service<JobScheduler>().DeleteByPrefixAsync(_sidecar.AppId, request.HasNamePrefix ? request.NamePrefix : "", context.CancellationToken);
        return new DeleteJobsByPrefixResponse();
    }

    public virtual async Task<DeleteJobsByPrefixResponseAlpha1> DeleteJobsByPrefixAlpha1(DeleteJobsByPrefixRequestAlpha1 request, ServerCallContext context)
    {
        await Service<JobScheduler>().DeleteByPrefixAsync(_sidecar.AppId, request.HasNamePrefix ? request.NamePrefix : "", context.CancellationToken);
        return new DeleteJobsByPrefixResponseAlpha1();
    }

    // Before 1.18 only the *Alpha1 RPCs exist (dapr/dapr v1.17.13 dapr/proto/runtime/v1/dapr.proto): the stable
    // names are unknown methods, which grpc answers Unimplemented; the SDKs fall back to Alpha1 on that.
    private Task<T> Stable<T>(ServerCallContext context, Func<Task<T>> call) =>
        _sidecar.DaprVersion.HasStableJobsApi
            ? call()
            : throw new RpcException(new Status(StatusCode.Unimplemented, $"unknown method {context.Method.Split('/')[^1]} for service dapr.proto.runtime.v1.Dapr"));
}
