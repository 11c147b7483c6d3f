using System.Net;
using Dapr.Client.Autogen.Grpc.v1;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Jobs;
using static Todo.DaprEmulator.Tests.Jobs.JobsTestKit;

namespace Todo.DaprEmulator.Tests.Jobs;

public sealed class JobTriggerTests
{
    [Fact]
    public async Task AnHttpJobDueInOneSecondFiresOnceNotEarlyWithItsJsonData()
    {
        await using var receiver = await JobReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        using var http = emulator.Http();
        var before = DateTimeOffset.UtcNow;

        var response = await http.PostAsync("/v1.0/jobs/remind-once", Json("""{"dueTime":"1s","data":{"taskId":"t-1","n":2}}"""));
        var trigger = (await receiver.WaitForAsync("remind-once")).Single();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(trigger.At >= before.AddSeconds(1), $"fired early: {trigger.At:O} < {before.AddSeconds(1):O}");
        Assert.Equal("""{"taskId":"t-1","n":2}""", trigger.Body);
        Assert.Equal("application/json", trigger.ContentType);
        Assert.Equal(trigger.Body.Length, trigger.ContentLength);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", trigger.Headers["traceparent"]);
        await AssertNoFurtherTriggerAsync(emulator, receiver, "remind-once", expected: 1);
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/v1.0/jobs/remind-once")).StatusCode);
    }

    [Fact]
    public async Task AGrpcJobDeliversTheSdkPayloadBytesTrimmed()
    {
        await using var receiver = await JobReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        var client = GrpcClient(emulator);
        var before = DateTimeOffset.UtcNow;

        await client.ScheduleJobAsync(new ScheduleJobRequest
        {
            Job = new Job { Name = "sdk-job", DueTime = "1s", Data = SdkPayload(" {\"reminder\":\"r-9\"}\n") },
        });
        var trigger = (await receiver.WaitForAsync("sdk-job")).Single();

        Assert.True(trigger.At >= before.AddSeconds(1), "fired early");
        Assert.Equal("""{"reminder":"r-9"}""", trigger.Body);
        Assert.Equal("application/json", trigger.ContentType);
        Assert.Equal(18, trigger.ContentLength);
    }

    [Fact]
    public async Task AJobWithoutDataIsTriggeredWithAnEmptyBodyAndContentLengthZero()
    {
        await using var receiver = await JobReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);

        await GrpcClient(emulator).ScheduleJobAsync(new ScheduleJobRequest { Job = new Job { Name = "no-data", DueTime = "0s" } });
        var trigger = (await receiver.WaitForAsync("no-data")).Single();

        Assert.Equal("", trigger.Body);
        Assert.Equal(0, trigger.ContentLength);
    }

    [Fact]
    public async Task AnEverySecondScheduleWithThreeRepeatsFiresThreeTimesThenTheJobIsGone()
    {
        await using var receiver = await JobReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        using var http = emulator.Http();
        var before = DateTimeOffset.UtcNow;

        await http.PostAsync("/v1.0/jobs/tick", Json("""{"schedule":"@every 1s","repeats":3}"""));
        var triggers = await receiver.WaitForAsync("tick", 3);

        Assert.True(triggers[0].At >= before.AddSeconds(1));
        Assert.True(triggers[1].At >= before.AddSeconds(2));
        Assert.True(triggers[2].At >= before.AddSeconds(3));
        await AssertNoFurtherTriggerAsync(emulator, receiver, "tick", expected: 3);
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/v1.0/jobs/tick")).StatusCode);
    }

    [Fact]
    public async Task DeletingAJobBeforeItIsDuePreventsTheTrigger()
    {
        await using var receiver = await JobReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        using var http = emulator.Http();

        await http.PostAsync("/v1.0/jobs/doomed", Json("""{"dueTime":"1s"}"""));
        var deleted = await http.DeleteAsync("/v1.0/jobs/doomed");
        await http.PostAsync("/v1.0/jobs/sentinel", Json("""{"dueTime":"2s"}"""));
        await receiver.WaitForAsync("sentinel");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(receiver.For("doomed"));
    }

    [Fact]
    public async Task AFailingAppIsRetriedPerTheDefaultPolicyThenTheTickIsAbandoned()
    {
        await using var receiver = await JobReceiver.StartAsync();
        receiver.AnswerWith("flaky", 500);
        await using var emulator = await StartEmulatorAsync(receiver);
        using var http = emulator.Http();

        await http.PostAsync("/v1.0/jobs/flaky", Json("""{"dueTime":"0s"}"""));
        var attempts = await receiver.WaitForAsync("flaky", 4);

        for (var i = 1; i < attempts.Count; i++)
        {
            Assert.True(attempts[i].At - attempts[i - 1].At >= TimeSpan.FromMilliseconds(990), $"retry {i} came too soon");
        }

        await AssertNoFurtherTriggerAsync(emulator, receiver, "flaky", expected: 4);
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/v1.0/jobs/flaky")).StatusCode);
    }

    [Fact]
    public async Task TheDropPolicyTriesOnce()
    {
        await using var receiver = await JobReceiver.StartAsync();
        receiver.AnswerWith("dropped", 503);
        await using var emulator = await StartEmulatorAsync(receiver);

        await emulator.Http().PostAsync("/v1.0/jobs/dropped", Json("""{"dueTime":"0s","failurePolicy":{"drop":{}}}"""));
        await receiver.WaitForAsync("dropped");

        await AssertNoFurtherTriggerAsync(emulator, receiver, "dropped", expected: 1);
    }

    [Fact]
    public async Task AConstantPolicyRetriesAtItsIntervalUpToMaxRetries()
    {
        await using var receiver = await JobReceiver.StartAsync();
        receiver.AnswerWith("twice", 500);
        await using var emulator = await StartEmulatorAsync(receiver);

        await emulator.Http().PostAsync("/v1.0/jobs/twice", Json("""{"dueTime":"0s","failure_policy":{"constant":{"interval":"0.2s","max_retries":1}}}"""));
        var attempts = await receiver.WaitForAsync("twice", 2);

        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(190));
        await AssertNoFurtherTriggerAsync(emulator, receiver, "twice", expected: 2);
    }

    [Fact]
    public async Task A404FromTheAppIsNotRetried()
    {
        await using var receiver = await JobReceiver.StartAsync();
        receiver.AnswerWith("unhandled", 404);
        await using var emulator = await StartEmulatorAsync(receiver);

        await emulator.Http().PostAsync("/v1.0/jobs/unhandled", Json("""{"dueTime":"0s"}"""));
        await receiver.WaitForAsync("unhandled");

        await AssertNoFurtherTriggerAsync(emulator, receiver, "unhandled", expected: 1);
    }

    [Fact]
    public async Task ATriggerDueWhileTheAppIsDownIsHeldAndDeliveredWhenTheAppStarts()
    {
        // The sidecar does not know the app's port yet: the app is "down" until it starts and is connected.
        await using var emulator = await StartEmulatorAsync(receiver: null);
        var scheduler = emulator.Host.Services.GetService(typeof(JobScheduler)) as JobScheduler;

        await emulator.Http().PostAsync("/v1.0/jobs/while-down", Json("""{"dueTime":"1s","data":"hello"}"""));
        await Poll.UntilAsync(() => scheduler!.IsHeld("app-a", "while-down"), "the scheduler holds while-down for app-a", TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(25));
        await using var receiver = await JobReceiver.StartAsync();
        var started = DateTimeOffset.UtcNow;
        emulator.Host["app-a"].ConnectApp(receiver.Port);
        var trigger = (await receiver.WaitForAsync("while-down")).Single();

        Assert.Equal("\"hello\"", trigger.Body);
        Assert.True(trigger.At - started < TimeSpan.FromSeconds(3), $"delivered {(trigger.At - started).TotalMilliseconds} ms after the app started");
        await AssertNoFurtherTriggerAsync(emulator, receiver, "while-down", expected: 1);
    }

    [Fact]
    public async Task TriggersCarryTheAppApiToken()
    {
        await using var receiver = await JobReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver, appApiToken: "app-secret");

        await emulator.Http().PostAsync("/v1.0/jobs/with-token", Json("""{"dueTime":"0s"}"""));
        var trigger = (await receiver.WaitForAsync("with-token")).Single();

        Assert.Equal("app-secret", trigger.Headers["dapr-api-token"]);
    }

    [Fact]
    public async Task JobsOfDifferentAppsWithTheSameNameAreSeparate()
    {
        await using var receiverA = await JobReceiver.StartAsync();
        await using var receiverB = await JobReceiver.StartAsync();
        await using var emulator = await Infrastructure.EmulatorFixture.StartAsync([],
        [
            new SidecarOptions { AppId = "app-a", AppPort = receiverA.Port },
            new SidecarOptions { AppId = "app-b", AppPort = receiverB.Port },
        ]);

        await emulator.Http("app-a").PostAsync("/v1.0/jobs/same", Json("""{"dueTime":"0s","data":"a"}"""));
        await emulator.Http("app-b").PostAsync("/v1.0/jobs/same", Json("""{"dueTime":"0s","data":"b"}"""));

        Assert.Equal("\"a\"", (await receiverA.WaitForAsync("same")).Single().Body);
        Assert.Equal("\"b\"", (await receiverB.WaitForAsync("same")).Single().Body);
    }

    /// <summary>
    /// Proves that no further trigger comes without sleeping blindly: a sentinel job due 1.5 s from now (longer than any
    /// retry interval or repeat used here) fires through the same scheduler; by then a stray trigger would have arrived.
    /// </summary>
    private static async Task AssertNoFurtherTriggerAsync(Infrastructure.EmulatorFixture emulator, JobReceiver receiver, string jobName, int expected)
    {
        var sentinel = $"sentinel-{Guid.NewGuid():N}";
        var response = await emulator.Http().PostAsync($"/v1.0/jobs/{sentinel}", Json("""{"dueTime":"1500ms"}"""));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await receiver.WaitForAsync(sentinel);
        Assert.Equal(expected, receiver.For(jobName).Count);
    }
}
