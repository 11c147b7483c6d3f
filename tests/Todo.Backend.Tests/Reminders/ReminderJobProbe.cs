using System.Globalization;
using System.Net;
using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Tests.Reminders;

/// <summary>
/// Reads the reminder jobs the emulator's scheduler holds for the backend, through the backend sidecar's Jobs API
/// (<c>GET /v1.0/jobs/{name}</c>; a missing job answers an error, as daprd's wrapped NotFound does).
/// </summary>
internal static class ReminderJobProbe
{
    /// <summary>The due instant of the task's job, or null when there is none.</summary>
    public static async Task<DateTimeOffset?> DueTimeAsync(BackendFixture backend, string taskId)
    {
        using var sidecar = new HttpClient { BaseAddress = backend.Emulator[DaprNames.BackendAppId].HttpEndpoint };
        using var response = await sidecar.GetAsync($"v1.0/jobs/reminder-{taskId}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        using var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return DateTimeOffset.Parse(job.RootElement.GetProperty("dueTime").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>The backend writes a job's due time to the millisecond.</summary>
    public static DateTimeOffset ToJobPrecision(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>Waits until the task's job is due at <paramref name="expected"/> (null: no job); returns what it saw last.</summary>
    public static async Task<DateTimeOffset?> WaitForDueTimeAsync(BackendFixture backend, string taskId, DateTimeOffset? expected, TimeSpan? timeout = null)
    {
        expected = expected is { } instant ? ToJobPrecision(instant) : null;
        DateTimeOffset? seen = null;
        await UntilAsync(async () => (seen = await DueTimeAsync(backend, taskId)) == expected, timeout);
        return seen;
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or the timeout (15 s) passes; returns the last answer.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }
    }
}
