using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Todo.DaprEmulator.Hosting;
using static Todo.DaprEmulator.Tests.Jobs.JobsTestKit;

namespace Todo.DaprEmulator.Tests.Jobs;

public sealed class JobsGrpcApiTests
{
    [Fact]
    public async Task ScheduleGetAndDeleteRoundTripTheJobOverGrpc()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        var client = GrpcClient(emulator);
        var job = new Job
        {
            Name = "grpc-job", Schedule = "@every 1h", Repeats = 2, DueTime = "2030-01-01T00:00:00Z", Ttl = "48h",
            Data = SdkPayload("{\"a\":1}"),
            FailurePolicy = new JobFailurePolicy { Constant = new JobFailurePolicyConstant { Interval = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } },
        };

        await client.ScheduleJobAsync(new ScheduleJobRequest { Job = job });
        var got = (await client.GetJobAsync(new GetJobRequest { Name = "grpc-job" })).Job;
        await client.DeleteJobAsync(new DeleteJobRequest { Name = "grpc-job" });
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.GetJobAsync(new GetJobRequest { Name = "grpc-job" }));

        Assert.Equal(job, got);
        Assert.False(got.FailurePolicy.Constant.HasMaxRetries); // retry forever
        Assert.Equal(StatusCode.Internal, missing.StatusCode);
    }

    // The Alpha1 RPCs are obsolete in the generated client, but older SDKs and the 1.19 fallback still call them.
#pragma warning disable CS0612
    [Fact]
    public async Task TheAlpha1MethodsServeTheSameJobs()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        var client = GrpcClient(emulator);

        await client.ScheduleJobAlpha1Async(new ScheduleJobRequest { Job = new Job { Name = "alpha", DueTime = "1h" } });
        var viaStable = (await client.GetJobAsync(new GetJobRequest { Name = "alpha" })).Job;
        var viaAlpha = (await client.GetJobAlpha1Async(new GetJobRequest { Name = "alpha" })).Job;
        var listed = await client.ListJobsAlpha1Async(new ListJobsRequestAlpha1());
        await client.DeleteJobAlpha1Async(new DeleteJobRequest { Name = "alpha" });
        var afterDelete = await client.ListJobsAsync(new ListJobsRequest());

        Assert.Equal(viaStable, viaAlpha);
        Assert.Equal("1h", viaAlpha.DueTime);
        Assert.Equal(["alpha"], listed.Jobs.Select(j => j.Name));
        Assert.Empty(afterDelete.Jobs);
    }
#pragma warning restore CS0612

    [Fact]
    public async Task OverwriteFalseIsAlreadyExistsAndTrueReplaces()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        var client = GrpcClient(emulator);
        await client.ScheduleJobAsync(new ScheduleJobRequest { Job = new Job { Name = "once", DueTime = "1h" } });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ScheduleJobAsync(new ScheduleJobRequest { Job = new Job { Name = "once", DueTime = "2h" } }));
        await client.ScheduleJobAsync(new ScheduleJobRequest { Job = new Job { Name = "once", DueTime = "3h" }, Overwrite = true });

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("3h", (await client.GetJobAsync(new GetJobRequest { Name = "once" })).Job.DueTime);
    }

    [Theory]
    [InlineData("a/b", "1s", null, 0u)]
    [InlineData("ok", null, null, 0u)]
    [InlineData("ok", "1s", null, 2u)]
    [InlineData("ok", null, "* * *", 0u)]
    [InlineData("", "1s", null, 0u)]
    public async Task InvalidJobsAreInvalidArgument(string name, string? dueTime, string? schedule, uint repeats)
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        var job = new Job { Name = name };
        if (dueTime is not null) job.DueTime = dueTime;
        if (schedule is not null) job.Schedule = schedule;
        if (repeats > 0) job.Repeats = repeats;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await GrpcClient(emulator).ScheduleJobAsync(new ScheduleJobRequest { Job = job }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task ListAndDeleteByPrefixSeeOnlyTheCallersJobs()
    {
        await using var emulator = await Infrastructure.EmulatorFixture.StartAsync([],
            [new SidecarOptions { AppId = "app-a" }, new SidecarOptions { AppId = "app-b" }]);
        var a = GrpcClient(emulator, "app-a");
        var b = GrpcClient(emulator, "app-b");
        foreach (var name in new[] { "reminder-1", "reminder-2", "digest" })
        {
            await a.ScheduleJobAsync(new ScheduleJobRequest { Job = new Job { Name = name, DueTime = "1h" } });
        }

        await b.ScheduleJobAsync(new ScheduleJobRequest { Job = new Job { Name = "reminder-1", DueTime = "1h" } });

        await a.DeleteJobsByPrefixAsync(new DeleteJobsByPrefixRequest { NamePrefix = "reminder-" });
        var left = await a.ListJobsAsync(new ListJobsRequest());
        var other = await b.ListJobsAsync(new ListJobsRequest());

        Assert.Equal(["digest"], left.Jobs.Select(j => j.Name));
        Assert.Equal(["reminder-1"], other.Jobs.Select(j => j.Name));
    }
}
