using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Todo.Backend.Features.Reminders;

/// <summary>
/// The one class that talks to the Dapr Jobs API (Dapr.Jobs is not available from our package source). One job per
/// task, named from the task id, created with <c>overwrite</c> so a changed reminder replaces the old one.
/// </summary>
/// <remarks>
/// Stable first, alpha1 when the sidecar has no stable route, as the official SDKs do: <c>/v1.0/jobs</c> exists from
/// daprd 1.18 (dapr/dapr v1.18.3 pkg/api/http/jobs.go); 1.17 serves only <c>/v1.0-alpha1/jobs</c>, and a call to the
/// stable path matches no route and answers 404 ERR_DIRECT_INVOKE. Neither scheduling nor deleting a job answers 404
/// on a route that exists (deleting a missing job succeeds: pkg/api/universal/jobs.go deleteJob), so a 404 always
/// means "no such route", never "no such job".
/// </remarks>
internal sealed class ReminderJobs(HttpClient sidecar, JobsApiRoute route, ILogger<ReminderJobs> logger)
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
        using var response = await SendAsync(path => new HttpRequestMessage(HttpMethod.Post, $"{path}/{JobName(data.TaskId)}")
        {
            Content = JsonContent.Create(body),
        }, cancellationToken);
        await EnsureSuccessAsync(response, "schedule", data.TaskId, cancellationToken);
        logger.LogInformation("Reminder job for task {TaskId} scheduled at {RemindAt:O}", data.TaskId, data.RemindAt);
    }

    public async Task DeleteAsync(string taskId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path => new HttpRequestMessage(HttpMethod.Delete, $"{path}/{JobName(taskId)}"), cancellationToken);
        await EnsureSuccessAsync(response, "delete", taskId, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<string, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var path = route.Path;
        var response = await sidecar.SendAsync(request(path), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && path == JobsApiRoute.Stable)
        {
            response.Dispose();
            route.UseAlpha1();
            logger.LogInformation("The Dapr sidecar has no stable Jobs API (Dapr before 1.18); using {Path}", JobsApiRoute.Alpha1);
            response = await sidecar.SendAsync(request(JobsApiRoute.Alpha1), cancellationToken);
        }

        return response;
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

/// <summary>Which Jobs API path this app's sidecar serves; learned on the first 404 from the stable one.</summary>
internal sealed class JobsApiRoute
{
    public const string Stable = "v1.0/jobs";
    public const string Alpha1 = "v1.0-alpha1/jobs";

    private volatile string _path = Stable;

    public string Path => _path;

    public void UseAlpha1() => _path = Alpha1;
}
