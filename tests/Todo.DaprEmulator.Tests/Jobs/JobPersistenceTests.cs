using System.Net;
using Microsoft.Extensions.Time.Testing;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;
using static Todo.DaprEmulator.Tests.Jobs.JobsTestKit;

namespace Todo.DaprEmulator.Tests.Jobs;

public sealed class JobPersistenceTests
{
    private static readonly string SqliteComponent = ComponentYaml.Component("statestore", "state.sqlite", ("connectionString", "data/state.db"));

    [Fact]
    public async Task AJobScheduledBeforeARestartStillFiresAfterIt()
    {
        await using var receiver = await JobReceiver.StartAsync();
        using var resources = new TempResources();
        resources.Write("statestore.yaml", SqliteComponent);
        var options = new EmulatorOptions
        {
            ResourcesPaths = [resources.Directory],
            WorkingDirectory = resources.Directory,
            Apps = [new SidecarOptions { AppId = "app-a", AppPort = receiver.Port }],
            // Scheduled on the stable route (/v1.0/jobs), which daprd serves from 1.18 on.
            DaprVersion = DaprVersion.V1_18,
        };
        var before = DateTimeOffset.UtcNow;

        await using (var first = await DaprEmulatorHost.StartAsync(options))
        {
            using var http = new HttpClient { BaseAddress = first["app-a"].HttpEndpoint };
            var created = await http.PostAsync("/v1.0/jobs/survivor", Json("""{"dueTime":"3s","data":{"v":1}}"""));
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        }

        Assert.True(File.Exists(Path.Combine(resources.Directory, "data", "state.db")));
        Assert.Empty(receiver.For("survivor"));
        JobTriggerReceived trigger;
        await using (var second = await DaprEmulatorHost.StartAsync(options))
        {
            trigger = (await receiver.WaitForAsync("survivor")).Single();
        }

        // A delivered one-shot job is gone for good: a third run does not deliver it again.
        await using var third = await DaprEmulatorHost.StartAsync(options);
        using var thirdHttp = new HttpClient { BaseAddress = third["app-a"].HttpEndpoint };
        await thirdHttp.PostAsync("/v1.0/jobs/sentinel", Json("""{"dueTime":"500ms"}"""));
        await receiver.WaitForAsync("sentinel");

        Assert.True(trigger.At >= before.AddSeconds(3), "fired early");
        Assert.Equal("""{"v":1}""", trigger.Body);
        Assert.Single(receiver.For("survivor"));
    }

    [Fact]
    public async Task ATriggerThatCameDueWhileTheEmulatorWasDownFiresOnceAtStart()
    {
        await using var receiver = await JobReceiver.StartAsync();
        using var resources = new TempResources();
        resources.Write("statestore.yaml", SqliteComponent.Replace("data/state.db", "Data Source=jobs.db", StringComparison.Ordinal));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new EmulatorOptions
        {
            ResourcesPaths = [resources.Directory],
            WorkingDirectory = resources.Directory,
            Apps = [new SidecarOptions { AppId = "app-a", AppPort = receiver.Port }],
            // Scheduled on the stable route (/v1.0/jobs), which daprd serves from 1.18 on.
            DaprVersion = DaprVersion.V1_18,
        };

        await using (var first = await DaprEmulatorHost.StartAsync(options, timeProvider: clock))
        {
            using var http = new HttpClient { BaseAddress = first["app-a"].HttpEndpoint };
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/v1.0/jobs/missed", Json("""{"schedule":"@every 10s","repeats":5}"""))).StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(35)); // three occurrences pass while the emulator is down
        await using var second = await DaprEmulatorHost.StartAsync(options, timeProvider: clock);
        await receiver.WaitForAsync("missed");
        using var secondHttp = new HttpClient { BaseAddress = second["app-a"].HttpEndpoint };
        var sentinel = await secondHttp.PostAsync("/v1.0/jobs/sentinel", Json("""{"dueTime":"0s"}"""));
        await receiver.WaitForAsync("sentinel");

        Assert.Equal(HttpStatusCode.NoContent, sentinel.StatusCode);
        Assert.Single(receiver.For("missed"));
        Assert.True(File.Exists(Path.Combine(resources.Directory, "jobs.db")));
    }

    [Fact]
    public async Task ACronJobFiresWhenTheInjectedClockReachesItsOccurrence()
    {
        await using var receiver = await JobReceiver.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 8, 59, 50, TimeSpan.Zero));
        await using var emulator = await StartEmulatorAsync(receiver, timeProvider: clock);
        using var http = emulator.Http();

        await http.PostAsync("/v1.0/jobs/morning", Json("""{"schedule":"CRON_TZ=Europe/Berlin 0 0 10 * * *","data":"good morning"}"""));
        clock.Advance(TimeSpan.FromSeconds(9));
        var sentinel = await http.PostAsync("/v1.0/jobs/sentinel", Json("""{"dueTime":"0s"}"""));
        await receiver.WaitForAsync("sentinel");
        var early = receiver.For("morning").Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        var trigger = (await receiver.WaitForAsync("morning")).Single();

        Assert.Equal(HttpStatusCode.NoContent, sentinel.StatusCode);
        Assert.Equal(0, early);
        Assert.Equal("\"good morning\"", trigger.Body);
    }
}
