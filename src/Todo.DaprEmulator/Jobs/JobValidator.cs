using System.Text.RegularExpressions;
using Todo.DaprEmulator.Errors;
using ProtoJob = Dapr.Client.Autogen.Grpc.v1.Job;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// Turns a submitted <c>Job</c> into a <see cref="JobDefinition"/> with daprd's checks (universal/jobs.go) followed by
/// the scheduler's (go-etcd-cron builder and name validator).
/// </summary>
internal static partial class JobValidator
{
    public static JobDefinition Validate(string appId, ProtoJob? job, DateTimeOffset now)
    {
        if (job is null)
        {
            throw JobErrors.Empty("Job", DaprErrors.SchedulerEmpty);
        }

        if (string.IsNullOrEmpty(job.Name))
        {
            throw JobErrors.Empty("Name", DaprErrors.SchedulerJobNameEmpty);
        }

        if (!job.HasSchedule && !job.HasDueTime)
        {
            throw JobErrors.Empty("Schedule", DaprErrors.SchedulerScheduleEmpty);
        }

        ValidateName(job.Name);
        if (!job.HasSchedule && job.HasRepeats && job.Repeats > 1)
        {
            throw JobErrors.Invalid("job must have a schedule to repeat");
        }

        if (job.HasRepeats && job.Repeats < 1)
        {
            throw JobErrors.Invalid("defined repeats must be greater than 0");
        }

        if (!job.HasSchedule && job.HasTtl)
        {
            throw JobErrors.Invalid("job must have a schedule to have a ttl");
        }

        if (job.HasSchedule && !JobSchedule.TryParse(job.Schedule, out _, out var scheduleError))
        {
            throw JobErrors.Invalid(scheduleError!);
        }

        DateTimeOffset? begin = null;
        if (job.HasDueTime)
        {
            begin = PointInTime.TryResolve(job.DueTime, now, out var due) ? due : throw JobErrors.Invalid("due time format not recognized");
        }

        DateTimeOffset? expiration = null;
        if (job.HasTtl)
        {
            expiration = PointInTime.TryResolve(job.Ttl, begin ?? now, out var ttl) ? ttl : throw JobErrors.Invalid("ttl format not recognized");
            if (begin > expiration)
            {
                throw JobErrors.Invalid("ttl must be greater than due time");
            }
        }

        return new JobDefinition
        {
            AppId = appId,
            Name = job.Name,
            Schedule = job.HasSchedule ? job.Schedule : null,
            DueTime = job.HasDueTime ? job.DueTime : null,
            Repeats = job.HasRepeats ? job.Repeats : null,
            Ttl = job.HasTtl ? job.Ttl : null,
            Data = job.Data,
            FailurePolicy = ToPolicy(job.FailurePolicy),
            Created = now,
            Begin = begin,
            Expiration = expiration,
        };
    }

    /// <summary>
    /// The scheduler's name rule: with <c>_ : -</c> and spaces removed and lower-cased, every <c>||</c>-separated
    /// segment must be a DNS-1123 subdomain.
    /// </summary>
    public static void ValidateName(string name)
    {
        var normalised = name.Replace("_", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal)
            .Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        foreach (var segment in normalised.Split("||"))
        {
            if (segment.Length is 0 or > 253 || !Dns1123Subdomain().IsMatch(segment))
            {
                throw JobErrors.Invalid(
                    $"job name is invalid: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
            }
        }
    }

    private static JobFailurePolicy? ToPolicy(Dapr.Client.Autogen.Grpc.v1.JobFailurePolicy? policy) => policy?.PolicyCase switch
    {
        Dapr.Client.Autogen.Grpc.v1.JobFailurePolicy.PolicyOneofCase.Drop => JobFailurePolicy.DropPolicy,
        Dapr.Client.Autogen.Grpc.v1.JobFailurePolicy.PolicyOneofCase.Constant => JobFailurePolicy.Constant(
            policy.Constant.Interval?.ToTimeSpan() ?? TimeSpan.Zero,
            policy.Constant.HasMaxRetries ? policy.Constant.MaxRetries : null),
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();
}
