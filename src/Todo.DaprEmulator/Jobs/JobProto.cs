using Google.Protobuf.WellKnownTypes;
using ProtoJob = Dapr.Client.Autogen.Grpc.v1.Job;
using ProtoPolicy = Dapr.Client.Autogen.Grpc.v1.JobFailurePolicy;

namespace Todo.DaprEmulator.Jobs;

/// <summary>A stored job as the <c>Job</c> message GetJob and ListJobs return: fields as submitted, default policy shown.</summary>
internal static class JobProto
{
    public static ProtoJob ToProto(JobDefinition definition)
    {
        var job = new ProtoJob { Name = definition.Name, FailurePolicy = ToProto(definition.EffectiveFailurePolicy) };
        if (definition.Schedule is not null)
        {
            job.Schedule = definition.Schedule;
        }

        if (definition.DueTime is not null)
        {
            job.DueTime = definition.DueTime;
        }

        if (definition.Repeats is { } repeats)
        {
            job.Repeats = repeats;
        }

        if (definition.Ttl is not null)
        {
            job.Ttl = definition.Ttl;
        }

        if (definition.Data is not null)
        {
            job.Data = definition.Data.Clone();
        }

        return job;
    }

    private static ProtoPolicy ToProto(JobFailurePolicy policy)
    {
        if (policy.Drop)
        {
            return new ProtoPolicy { Drop = new Dapr.Client.Autogen.Grpc.v1.JobFailurePolicyDrop() };
        }

        var constant = new Dapr.Client.Autogen.Grpc.v1.JobFailurePolicyConstant { Interval = Duration.FromTimeSpan(policy.Interval) };
        if (policy.MaxRetries is { } max)
        {
            constant.MaxRetries = max;
        }

        return new ProtoPolicy { Constant = constant };
    }
}
