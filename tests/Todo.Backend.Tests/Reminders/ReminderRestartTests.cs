using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Tests.Accounts;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Tasks;
using static Todo.Backend.Tests.Reminders.ReminderJobProbe;

namespace Todo.Backend.Tests.Reminders;

/// <summary>
/// The reminder invariant across restarts and failures: the jobs outlive a restart of the whole stack, a time-zone
/// change interrupted between the zone save and the resync is finished by the next start, and a failed job call lists
/// its user durably so the reconciler re-makes the jobs even if the in-process retry is lost.
/// </summary>
public sealed class ReminderRestartTests
{
    [Fact]
    public async Task JobsOutliveARestartAndAnInterruptedTimeZoneChangeIsFinishedByTheNextStart()
    {
        var backend = new BackendFixture { StateStoreYaml = AccountDeletionTests.SqliteBackend.StateStore };
        await backend.InitializeAsync();
        try
        {
            var (user, client) = await backend.NewUserAsync("Europe/Berlin");
            var day = new DateOnly(DateTime.UtcNow.Year + 1, 1, 15);
            var zoned = await client.CreateTaskAsync(new CreateTaskRequest("zoned", Due: new DueDto(day, new TimeOnly(20, 53)), Reminder: new ReminderDto(MinutesBefore: 0)));
            var absolute = await client.CreateTaskAsync(new CreateTaskRequest("absolute", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(5))));

            // A crash after the profile update listed the user and saved the new zone, before any job moved: both
            // writes as AccountService makes them, straight into the backend's state, and no resync.
            using (var sidecar = new HttpClient { BaseAddress = backend.Emulator[DaprNames.BackendAppId].HttpEndpoint })
            {
                var account = JsonNode.Parse(await sidecar.GetStringAsync($"v1.0/state/statestore/user-{user.UserId}"))!;
                account["timeZone"] = "Europe/London";
                (await sidecar.PostAsJsonAsync("v1.0/state/statestore", new object[]
                {
                    new { key = $"user-{user.UserId}", value = account },
                    new { key = ReminderResyncQueue.Key, value = new Dictionary<string, string> { [user.UserId] = "interrupted" } },
                })).EnsureSuccessStatusCode();
            }

            await backend.RestartAsync();

            Assert.Equal(ToJobPrecision(absolute.RemindAt!.Value), await DueTimeAsync(backend, absolute.Id));
            Assert.Equal(ToJobPrecision(zoned.RemindAt!.Value.AddHours(1)), await WaitForDueTimeAsync(backend, zoned.Id, zoned.RemindAt!.Value.AddHours(1)));
            // The user is unlisted right after the last job call of their resync.
            Assert.True(await UntilAsync(async () => !(await ListedAsync(backend)).ContainsKey(user.UserId), TimeSpan.FromSeconds(10)),
                "the user stays listed after the resync");
        }
        finally
        {
            await backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFailedJobCallListsItsUserDurablyAndTheJobIsMadeAnyway()
    {
        var failures = new FailingJobCalls(HttpMethod.Post, int.MaxValue);
        var backend = new BackendFixture
        {
            ConfigureServices = services => services.AddHttpClient<ReminderJobs>().AddHttpMessageHandler(() => failures.Handler()),
        };
        await backend.InitializeAsync();
        try
        {
            var (user, client) = await backend.NewUserAsync();
            var task = await client.CreateTaskAsync(new CreateTaskRequest("failed schedule", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddHours(1))));
            Assert.True(await UntilAsync(async () => (await ListedAsync(backend)).ContainsKey(user.UserId), TimeSpan.FromSeconds(20)),
                "a user whose job call failed is listed for a resync");
            failures.Recover();
            Assert.Equal(ToJobPrecision(task.RemindAt!.Value), await WaitForDueTimeAsync(backend, task.Id, task.RemindAt, TimeSpan.FromSeconds(40)));
        }
        finally
        {
            await backend.DisposeAsync();
        }
    }

    private static async Task<Dictionary<string, string>> ListedAsync(BackendFixture backend)
    {
        using var sidecar = new HttpClient { BaseAddress = backend.Emulator[DaprNames.BackendAppId].HttpEndpoint };
        var body = await sidecar.GetStringAsync($"v1.0/state/statestore/{ReminderResyncQueue.Key}");
        return string.IsNullOrWhiteSpace(body) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(body) ?? [];
    }
}
