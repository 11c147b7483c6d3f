using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// The one class that talks to the Dapr Jobs API (Dapr.Jobs is not available from our package source). One job per
/// task, named from the task id, created with <c>overwrite</c> so a changed reminder replaces the old one. It uses
/// the sidecar's HTTP API (<c>/v1.0/jobs</c>, stable since Dapr 1.18).
/// </summary>
internal sealed class ReminderJobs(HttpClient sidecar, ILogger<ReminderJobs> logger)
{
    public const string JobPrefix = "reminder-";

    public static string JobName(string taskId) => JobPrefix + taskId;

    public async Task ScheduleAsync(ReminderJobData data, CancellationToken cancellationToken)
    {
        var body = new ScheduleJobBody(
            data.RemindAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            data,
            Overwrite: true,
            // A reminder that cannot be delivered is retried for a minute, then given up: a late toast is worse than none.
            new FailurePolicyBody(new ConstantPolicy("5s", 12)));
        using var response = await sidecar.PostAsJsonAsync($"v1.0/jobs/{JobName(data.TaskId)}", body, cancellationToken);
        await EnsureSuccessAsync(response, "schedule", data.TaskId, cancellationToken);
        logger.LogInformation("Reminder job for task {TaskId} scheduled at {RemindAt:O}", data.TaskId, data.RemindAt);
    }

    public async Task DeleteAsync(string taskId, CancellationToken cancellationToken)
    {
        using var response = await sidecar.DeleteAsync($"v1.0/jobs/{JobName(taskId)}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, "delete", taskId, cancellationToken);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, string taskId, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Dapr Jobs API refused to {action} the reminder of task {taskId}: {(int)response.StatusCode} {detail}");
        }
    }

    private sealed record ScheduleJobBody(string DueTime, ReminderJobData Data, bool Overwrite, FailurePolicyBody FailurePolicy);

    private sealed record FailurePolicyBody(ConstantPolicy Constant);

    private sealed record ConstantPolicy(string Interval, [property: JsonPropertyName("maxRetries")] int MaxRetries);
}

/// <summary>The payload of a reminder job, echoed back by the runtime to <c>POST /job/{name}</c>.</summary>
internal sealed record ReminderJobData(string UserId, string TaskId, DateTimeOffset RemindAt);
