using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Features.Tasks;
using Todo.Contracts.Tasks;
using Todo.DaprEmulator.Hosting;

namespace Todo.Backend.Tests.Reminders;

/// <summary>
/// A reminder whose job cannot be scheduled (the sidecar is down) is not lost: the change is kept, counted, and
/// scheduled once the sidecar answers again.
/// </summary>
public sealed class ReminderRetryTests
{
    [Fact]
    public async Task AReminderSavedWhileTheSidecarIsDownIsScheduledWhenItComesBack()
    {
        var port = FreePort.Next();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = meters.GetRequiredService<IMeterFactory>();
        var failures = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "todo.reminders.job_failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var jobs = new ReminderJobs(http, new JobsApiRoute(), NullLogger<ReminderJobs>.Instance);
        using var sync = new ReminderSync(jobs, new NoStoredTasks(), time, new ReminderMetrics(meterFactory), NullLogger<ReminderSync>.Instance);
        await sync.StartAsync(CancellationToken.None);
        var taskId = Guid.NewGuid().ToString("N");
        var remindAt = time.GetUtcNow().AddHours(1);

        await sync.ApplyAsync(null, Task(taskId, remindAt), TimeZoneInfo.Utc, CancellationToken.None);

        Assert.Equal((1, 1L), (sync.PendingCount, Interlocked.Read(ref failures)));

        // The sidecar comes back on the port the app knows.
        await using var emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            Apps = [new SidecarOptions { AppId = "todo-backend", HttpPort = port }],
            // The job is read back on the stable route (/v1.0/jobs), which daprd serves from 1.18 on.
            DaprVersion = DaprVersion.V1_18,
        });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (sync.PendingCount > 0 && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await System.Threading.Tasks.Task.Delay(50);
        }

        using var sidecar = new HttpClient { BaseAddress = emulator["todo-backend"].HttpEndpoint };
        using var job = await sidecar.GetAsync($"v1.0/jobs/{ReminderJobs.JobName(taskId)}");
        Assert.Equal(0, sync.PendingCount);
        Assert.Equal(HttpStatusCode.OK, job.StatusCode);
        await sync.StopAsync(CancellationToken.None);
    }

    /// <summary>This test's task lives in no store: the read-back after a job call finds nothing to follow.</summary>
    private sealed class NoStoredTasks : IReminderTaskSource
    {
        public Task<TaskRecord?> FindAsync(string userId, string taskId, CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult<TaskRecord?>(null);
    }

    private static TaskRecord Task(string id, DateTimeOffset remindAt) => new()
    {
        Id = id,
        UserId = "u1",
        Title = "while the sidecar was down",
        Reminder = new ReminderDto(At: remindAt),
        CreatedAt = remindAt.AddHours(-1),
        UpdatedAt = remindAt.AddHours(-1),
    };
}
