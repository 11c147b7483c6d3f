using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Todo.DaprEmulator.Hosting;

namespace Todo.Backend.Tests.Reminders;

/// <summary>A sidecar imitating Dapr 1.17, which serves the Jobs API only as /v1.0-alpha1/jobs.</summary>
public sealed class Dapr117BackendFixture : IAsyncLifetime
{
    public BackendFixture Backend { get; } = new() { DaprVersion = DaprVersion.V1_17 };

    public Task InitializeAsync() => Backend.InitializeAsync();

    public Task DisposeAsync() => Backend.DisposeAsync();
}

/// <summary>Reminders work on the oldest supported Dapr too: the backend falls back from the stable Jobs API.</summary>
public sealed class ReminderOnDapr117Tests(Dapr117BackendFixture fixture) : IClassFixture<Dapr117BackendFixture>
{
    private BackendFixture Backend => fixture.Backend;

    [Fact]
    public async Task TheStableJobsRouteIsNotServedBefore118()
    {
        using var sidecar = new HttpClient { BaseAddress = Backend.Emulator[Todo.Contracts.DaprNames.BackendAppId].HttpEndpoint };

        using var response = await sidecar.DeleteAsync("v1.0/jobs/anything");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AReminderIsScheduledAndFiresOnDapr117()
    {
        var (_, client) = await Backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("on 1.17", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddSeconds(1))));

        var reminder = await Backend.WaitForEventAsync(e => e.Type == ReminderDue.EventType && e.IsAbout(task.Id), TimeSpan.FromSeconds(15));

        Assert.Equal(task.Id, reminder.Data.GetProperty("taskId").GetString());
    }

    [Fact]
    public async Task DeletingATaskDeletesItsJobOnDapr117()
    {
        var (_, client) = await Backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("deleted on 1.17", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(1))));
        using var sidecar = new HttpClient { BaseAddress = Backend.Emulator[Todo.Contracts.DaprNames.BackendAppId].HttpEndpoint };
        using (var scheduled = await sidecar.GetAsync($"v1.0-alpha1/jobs/reminder-{task.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        }

        using var deleted = await client.DeleteAsync($"api/tasks/{task.Id}");
        using var after = await sidecar.GetAsync($"v1.0-alpha1/jobs/reminder-{task.Id}");

        Assert.True(deleted.IsSuccessStatusCode);
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }
}
