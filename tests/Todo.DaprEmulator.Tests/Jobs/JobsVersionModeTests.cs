using System.Net;
using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Jobs;

/// <summary>
/// A sidecar serves exactly its version's Jobs API: 1.17 only alpha1 (dapr/dapr v1.17.13 pkg/api/http/jobs.go and
/// dapr.proto), 1.18 and 1.19 also the stable one (v1.18.3 pkg/api/http/jobs.go).
/// </summary>
public sealed class JobsVersionModeTests
{
    [Fact]
    public async Task Dapr117AnswersTheStableHttpRouteAsAnUnknownInvocation()
    {
        await using var emulator = await EmulatorFixture.StartAsync([], daprVersion: DaprVersion.V1_17);
        using var http = emulator.Http();

        using var stable = await http.PostAsync("/v1.0/jobs/j1", JobsTestKit.Json("""{"dueTime":"1h"}"""));
        using var alpha = await http.PostAsync("/v1.0-alpha1/jobs/j1", JobsTestKit.Json("""{"dueTime":"1h"}"""));

        Assert.Equal(HttpStatusCode.NotFound, stable.StatusCode);
        Assert.Equal("ERR_DIRECT_INVOKE", JsonDocument.Parse(await stable.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.NoContent, alpha.StatusCode);
    }

    [Fact]
    public async Task Dapr117HasOnlyTheAlpha1JobRpcs()
    {
        await using var emulator = await EmulatorFixture.StartAsync([], daprVersion: DaprVersion.V1_17);
        var grpc = JobsTestKit.GrpcClient(emulator);
        var request = new ScheduleJobRequest { Job = new Job { Name = "j2", DueTime = "1h", Data = new Any() } };

        var stable = await Assert.ThrowsAsync<RpcException>(async () => await grpc.ScheduleJobAsync(request));
#pragma warning disable CS0612 // the Alpha1 RPCs are obsolete in the 1.19 protos, and the only ones 1.17 has
        await grpc.ScheduleJobAlpha1Async(request);
        var scheduled = await grpc.GetJobAlpha1Async(new GetJobRequest { Name = "j2" });
#pragma warning restore CS0612

        Assert.Equal(StatusCode.Unimplemented, stable.StatusCode);
        Assert.Equal("j2", scheduled.Job.Name);
    }

    [Theory]
    [InlineData("1.18")]
    [InlineData("1.19")]
    public async Task From118TheStableJobsApiIsServed(string version)
    {
        await using var emulator = await EmulatorFixture.StartAsync([], daprVersion: DaprVersion.Parse(version));
        using var http = emulator.Http();

        using var stable = await http.PostAsync("/v1.0/jobs/j3", JobsTestKit.Json("""{"dueTime":"1h"}"""));

        Assert.Equal(HttpStatusCode.NoContent, stable.StatusCode);
    }

    [Theory]
    [InlineData("1.17", "1.17.13")]
    [InlineData("1.18", "1.18.3")]
    [InlineData("1.19", "1.19.0")]
    public async Task TheMetadataReportsTheImitatedVersion(string version, string reported)
    {
        await using var emulator = await EmulatorFixture.StartAsync([], daprVersion: DaprVersion.Parse(version));
        using var http = emulator.Http();

        var metadata = JsonDocument.Parse(await http.GetStringAsync("/v1.0/metadata")).RootElement;

        Assert.StartsWith(reported, metadata.GetProperty("runtimeVersion").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsupportedVersionIsRefusedWithTheSupportedOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => DaprVersion.Parse("1.14"));

        Assert.Contains("1.17, 1.18, 1.19", error.Message, StringComparison.Ordinal);
    }
}
