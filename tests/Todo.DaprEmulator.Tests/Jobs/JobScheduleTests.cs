using Google.Protobuf.WellKnownTypes;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Jobs;
using ProtoJob = Dapr.Client.Autogen.Grpc.v1.Job;

namespace Todo.DaprEmulator.Tests.Jobs;

public sealed class JobScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("*/5 * * * * *", "2026-03-10T12:00:05Z")]
    [InlineData("30 15 12 * * *", "2026-03-10T12:15:30Z")]
    [InlineData("0 0 9 * * MON", "2026-03-16T09:00:00Z")]
    [InlineData("@hourly", "2026-03-10T13:00:00Z")]
    [InlineData("@daily", "2026-03-11T00:00:00Z")]
    [InlineData("@midnight", "2026-03-11T00:00:00Z")]
    [InlineData("@weekly", "2026-03-15T00:00:00Z")]
    [InlineData("@monthly", "2026-04-01T00:00:00Z")]
    [InlineData("@yearly", "2027-01-01T00:00:00Z")]
    [InlineData("@annually", "2027-01-01T00:00:00Z")]
    [InlineData("@every 1h30m", "2026-03-10T13:30:00Z")]
    [InlineData("@every 5s", "2026-03-10T12:00:05Z")]
    [InlineData("CRON_TZ=America/New_York 0 0 9 * * *", "2026-03-10T13:00:00Z")]
    [InlineData("CRON_TZ=Europe/Berlin 0 0 9 * * *", "2026-03-11T08:00:00Z")]
    public void SchedulesComputeTheirNextOccurrenceStrictlyAfterAnInstant(string schedule, string expected)
    {
        var next = JobSchedule.Parse(schedule).Next(Noon);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Theory]
    [InlineData("* * * * *")] // five fields: daprd requires the seconds field
    [InlineData("* * * * * * *")]
    [InlineData("61 * * * * *")]
    [InlineData("@every")]
    [InlineData("@every 0s")]
    [InlineData("@every five")]
    [InlineData("@fortnightly")]
    [InlineData("CRON_TZ=Mars/Olympus 0 0 9 * * *")]
    [InlineData("not a cron")]
    public void InvalidSchedulesAreRejected(string schedule)
    {
        Assert.False(JobSchedule.TryParse(schedule, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("10s", "2026-03-10T12:00:10Z")]
    [InlineData("1h2m", "2026-03-10T13:02:00Z")]
    [InlineData("1.5s", "2026-03-10T12:00:01.5Z")]
    [InlineData("250ms", "2026-03-10T12:00:00.25Z")]
    [InlineData("PT10S", "2026-03-10T12:00:10Z")]
    [InlineData("P1DT2H", "2026-03-11T14:00:00Z")]
    [InlineData("P1M", "2026-04-10T12:00:00Z")]
    [InlineData("2026-05-01T08:30:00Z", "2026-05-01T08:30:00Z")]
    [InlineData("2026-05-01T10:30:00+02:00", "2026-05-01T08:30:00Z")]
    [InlineData("2026-05-01T08:30:00.1234567Z", "2026-05-01T08:30:00.1234567Z")]
    public void DueTimesAreTimestampsOrDurationsRelativeToTheStart(string text, string expected)
    {
        Assert.True(PointInTime.TryResolve(text, Noon, out var instant));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("10")]
    [InlineData("R3/PT10S")]
    [InlineData("2026-05-01")]
    public void UnrecognisedDueTimesAreRejected(string text) =>
        Assert.False(PointInTime.TryResolve(text, Noon, out _));

    [Fact]
    public void AJobWithADueTimeAndAScheduleFiresAtTheDueTimeThenFollowsTheSchedule()
    {
        var job = JobValidator.Validate("app", new ProtoJob { Name = "j", Schedule = "@every 10s", DueTime = "5s", Repeats = 3 }, Noon);

        var first = job.FirstDue()!.Value;
        var second = job.NextDue(first, completed: 1, now: first)!.Value;
        var third = job.NextDue(second, completed: 2, now: second)!.Value;

        Assert.Equal(Noon.AddSeconds(5), first);
        Assert.Equal(Noon.AddSeconds(15), second);
        Assert.Equal(Noon.AddSeconds(25), third);
        Assert.Null(job.NextDue(third, completed: 3, now: third));
    }

    [Fact]
    public void AScheduleWithoutDueTimeStartsAtCreationAndStopsAtItsTtl()
    {
        var job = JobValidator.Validate("app", new ProtoJob { Name = "j", Schedule = "*/10 * * * * *", Ttl = "25s" }, Noon);

        var first = job.FirstDue()!.Value;
        var second = job.NextDue(first, 1, first)!.Value;

        Assert.Equal(Noon.AddSeconds(10), first);
        Assert.Equal(Noon.AddSeconds(20), second);
        Assert.Null(job.NextDue(second, 2, second));
    }

    [Fact]
    public void OccurrencesMissedWhileDownAreCoalescedIntoTheNextFutureOne()
    {
        var job = JobValidator.Validate("app", new ProtoJob { Name = "j", Schedule = "@every 10s" }, Noon);

        var next = job.NextDue(Noon.AddSeconds(10), completed: 1, now: Noon.AddSeconds(95));

        Assert.Equal(Noon.AddSeconds(100), next);
    }

    [Fact]
    public void AOneShotJobHasNoSecondTrigger()
    {
        var job = JobValidator.Validate("app", new ProtoJob { Name = "j", DueTime = "1s" }, Noon);

        Assert.Equal(Noon.AddSeconds(1), job.FirstDue());
        Assert.Null(job.NextDue(Noon.AddSeconds(1), 1, Noon.AddSeconds(1)));
    }

    [Theory]
    [InlineData("my-job")]
    [InlineData("My_Job:1")]
    [InlineData("a b c")]
    [InlineData("ns||app||job.v1")]
    public void NamesThatNormaliseToDnsSubdomainsAreAccepted(string name) => JobValidator.ValidateName(name);

    [Theory]
    [InlineData("a/b")]
    [InlineData("bad!")]
    [InlineData("a||")]
    [InlineData(".a")]
    [InlineData("ünïcode")]
    public void OtherNamesAreInvalidArguments(string name)
    {
        var error = Assert.Throws<DaprApiException>(() => JobValidator.ValidateName(name));

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.GrpcStatus);
        Assert.Equal(400, error.HttpStatus);
    }

    [Theory]
    [InlineData(null, null, null, null, "DAPR_SCHEDULER_SCHEDULE_EMPTY")]
    [InlineData(null, "1s", 2u, null, "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("@every 1s", null, 0u, null, "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData(null, "1s", null, "10s", "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("@every 1s", "2026-03-10T13:00:00Z", null, "2026-03-10T12:30:00Z", "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("* * * * *", null, null, null, "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData(null, "later", null, null, "DAPR_SCHEDULER_SCHEDULE_JOB")]
    public void InvalidJobsAreRejectedWithDaprdsCodes(string? schedule, string? dueTime, uint? repeats, string? ttl, string code)
    {
        var job = new ProtoJob { Name = "j" };
        if (schedule is not null) job.Schedule = schedule;
        if (dueTime is not null) job.DueTime = dueTime;
        if (repeats is { } r) job.Repeats = r;
        if (ttl is not null) job.Ttl = ttl;

        var error = Assert.Throws<DaprApiException>(() => JobValidator.Validate("app", job, Noon));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.GrpcStatus);
    }

    [Fact]
    public void ValueDataIsSentAsJsonAndSdkPayloadsAsTheirTrimmedBytes()
    {
        var fromHttp = JobValidator.Validate("app", new ProtoJob
        {
            Name = "j", DueTime = "1s", Data = Any.Pack(Value.ForStruct(new Struct { Fields = { ["task"] = Value.ForString("t1") } })),
        }, Noon);
        var fromSdk = JobValidator.Validate("app", new ProtoJob { Name = "j", DueTime = "1s", Data = JobsTestKit.SdkPayload("  \"hi\"\n") }, Noon);
        var none = JobValidator.Validate("app", new ProtoJob { Name = "j", DueTime = "1s" }, Noon);

        Assert.Equal("""{"task":"t1"}""", System.Text.Encoding.UTF8.GetString(fromHttp.TriggerBody()));
        Assert.Equal("\"hi\"", System.Text.Encoding.UTF8.GetString(fromSdk.TriggerBody()));
        Assert.Empty(none.TriggerBody());
    }

    [Fact]
    public void TheDefaultFailurePolicyRetriesThreeTimesAndDropNever()
    {
        Assert.True(JobFailurePolicy.Default.Retries(3));
        Assert.False(JobFailurePolicy.Default.Retries(4));
        Assert.False(JobFailurePolicy.DropPolicy.Retries(1));
        Assert.True(JobFailurePolicy.Constant(TimeSpan.FromSeconds(1), null).Retries(1000));
    }
}
