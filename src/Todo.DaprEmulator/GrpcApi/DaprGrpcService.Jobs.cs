using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Todo.DaprEmulator.Jobs;

namespace Todo.DaprEmulator.GrpcApi;

public partial class DaprGrpcService
{
    public virtual async Task<ScheduleJobResponse> ScheduleJob(ScheduleJobRequest request, ServerCallContext context)
    {
        var scheduler = Service<JobScheduler>();
        var definition = JobValidator.Validate(_sidecar.AppId, request.Job, scheduler.Now);
        await scheduler.ScheduleAsync(definition, request.Overwrite, context.CancellationToken);
        return new ScheduleJobResponse();
    }

    public virtual Task<ScheduleJobResponse> ScheduleJobAlpha1(ScheduleJobRequest request, ServerCallContext context) =>
        ScheduleJob(request, context);

    public virtual async Task<GetJobResponse> GetJob(GetJobRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Name))
        {
            throw JobErrors.Empty("Name", "DAPR_SCHEDULER_JOB_NAME_EMPTY");
        }

        // daprd reports a missing job as a failed get (Internal), not NotFound: the scheduler's NotFound is wrapped.
        var definition = await Service<JobScheduler>().GetAsync(_sidecar.AppId, request.Name, context.CancellationToken)
            ?? throw JobErrors.NotFound(request.Name);
        return new GetJobResponse { Job = JobProto.ToProto(definition) };
    }

    public virtual Task<GetJobResponse> GetJobAlpha1(GetJobRequest request, ServerCallContext context) =>
        GetJob(request, context);

    public virtual async Task<DeleteJobResponse> DeleteJob(DeleteJobRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Name))
        {
            throw JobErrors.Empty("Name", "DAPR_SCHEDULER_JOB_NAME_EMPTY");
        }

        await Service<JobScheduler>().DeleteAsync(_sidecar.AppId, request.Name, context.CancellationToken);
        return new DeleteJobResponse();
    }

    public virtual Task<DeleteJobResponse> DeleteJobAlpha1(DeleteJobRequest request, ServerCallContext context) =>
        DeleteJob(request, context);

    public virtual async Task<ListJobsResponse> ListJobs(ListJobsRequest request, ServerCallContext context)
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

    public virtual async Task<DeleteJobsByPrefixResponse> DeleteJobsByPrefix(DeleteJobsByPrefixRequest request, ServerCallContext context)
    {
        await Service<JobScheduler>().DeleteByPrefixAsync(_sidecar.AppId, request.HasNamePrefix ? request.NamePrefix : "", context.CancellationToken);
        return new DeleteJobsByPrefixResponse();
    }

    public virtual async Task<DeleteJobsByPrefixResponseAlpha1> DeleteJobsByPrefixAlpha1(DeleteJobsByPrefixRequestAlpha1 request, ServerCallContext context)
    {
        await Service<JobScheduler>().DeleteByPrefixAsync(_sidecar.AppId, request.HasNamePrefix ? request.NamePrefix : "", context.CancellationToken);
        return new DeleteJobsByPrefixResponseAlpha1();
    }
}
