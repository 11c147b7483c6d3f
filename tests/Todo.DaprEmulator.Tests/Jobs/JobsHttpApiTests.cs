using System.Net;
using System.Text.Json;
using static Todo.DaprEmulator.Tests.Jobs.JobsTestKit;

namespace Todo.DaprEmulator.Tests.Jobs;

public sealed class JobsHttpApiTests
{
    [Theory]
    [InlineData("v1.0")]
    [InlineData("v1.0-alpha1")]
    public async Task GetReturnsTheJobAsSubmitted(string version)
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        using var http = emulator.Http();

        var created = await http.PostAsync($"/{version}/jobs/nightly",
            Json("""{"schedule":"0 30 2 * * *","repeats":5,"due_time":"1000s","ttl":"2h","data":{"kind":"digest"},"failurePolicy":{"constant":{"interval":"3s","maxRetries":5}},"unknownField":1}"""));
        var response = await http.GetAsync($"/{version}/jobs/nightly");
        var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nightly", job.GetProperty("name").GetString());
        Assert.Equal("0 30 2 * * *", job.GetProperty("schedule").GetString());
        Assert.Equal(5, job.GetProperty("repeats").GetInt32());
        Assert.Equal("1000s", job.GetProperty("dueTime").GetString());
        Assert.Equal("2h", job.GetProperty("ttl").GetString());
        Assert.Equal("digest", job.GetProperty("data").GetProperty("kind").GetString());
        Assert.Equal("3s", job.GetProperty("failurePolicy").GetProperty("constant").GetProperty("interval").GetString());
        Assert.Equal(5, job.GetProperty("failurePolicy").GetProperty("constant").GetProperty("maxRetries").GetInt32());
    }

    [Fact]
    public async Task AJobWithoutAPolicyShowsTheDefaultPolicy()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        using var http = emulator.Http();

        await http.PostAsync("/v1.0/jobs/plain", Json("""{"dueTime":"1h"}"""));
        var job = JsonDocument.Parse(await http.GetStringAsync("/v1.0/jobs/plain")).RootElement;

        Assert.Equal("""{"constant":{"interval":"1s","maxRetries":3}}""", job.GetProperty("failurePolicy").GetRawText());
        Assert.False(job.TryGetProperty("data", out _));
        Assert.False(job.TryGetProperty("schedule", out _));
    }

    [Fact]
    public async Task AnExistingJobIsAConflictUnlessOverwriteIsSet()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        using var http = emulator.Http();

        await http.PostAsync("/v1.0/jobs/dup", Json("""{"dueTime":"1h","data":"first"}"""));
        var conflict = await http.PostAsync("/v1.0/jobs/dup", Json("""{"dueTime":"1h","data":"second"}"""));
        var afterConflict = JsonDocument.Parse(await http.GetStringAsync("/v1.0/jobs/dup")).RootElement;
        var replaced = await http.PostAsync("/v1.0/jobs/dup", Json("""{"dueTime":"2h","data":"third","overwrite":true}"""));
        var afterOverwrite = JsonDocument.Parse(await http.GetStringAsync("/v1.0/jobs/dup")).RootElement;

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("DAPR_SCHEDULER_SCHEDULE_JOB", await ErrorCodeAsync(conflict));
        Assert.Equal("first", afterConflict.GetProperty("data").GetString());
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        Assert.Equal("third", afterOverwrite.GetProperty("data").GetString());
        Assert.Equal("2h", afterOverwrite.GetProperty("dueTime").GetString());
    }

    [Theory]
    [InlineData("ok-name", """{}""", "DAPR_SCHEDULER_SCHEDULE_EMPTY")]
    [InlineData("ok-name", """{"data":"x","repeats":2}""", "DAPR_SCHEDULER_SCHEDULE_EMPTY")]
    [InlineData("ok-name", """{"name":"ok-name","dueTime":"1s"}""", "DAPR_SCHEDULER_JOB_NAME")]
    [InlineData("ok-name", """{"dueTime":"1s","repeats":2}""", "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("ok-name", """{"dueTime":"1s","ttl":"1h"}""", "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("ok-name", """{"schedule":"* * * * *"}""", "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("ok-name", """{"schedule":"@every 1s","dueTime":"2h","ttl":"2026-01-01T00:00:00Z"}""", "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("bad%2Fname", """{"dueTime":"1s"}""", "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("bad!name", """{"dueTime":"1s"}""", "DAPR_SCHEDULER_SCHEDULE_JOB")]
    [InlineData("ok-name", """{"dueTime":"1s",""", "ERR_MALFORMED_REQUEST")]
    public async Task InvalidJobsAre400WithDaprdsErrorCode(string name, string body, string code)
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        using var http = emulator.Http();

        var response = await http.PostAsync($"/v1.0/jobs/{name}", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await ErrorCodeAsync(response));
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/v1.0/jobs/ok-name")).StatusCode);
    }

    [Fact]
    public async Task GettingAMissingJobIs500WithTheGetJobCode()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        using var http = emulator.Http();

        var response = await http.GetAsync("/v1.0/jobs/never-made");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("DAPR_SCHEDULER_GET_JOB", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task DeleteRemovesTheJobAndAMissingJobDeletesFine()
    {
        await using var emulator = await StartEmulatorAsync(receiver: null);
        using var http = emulator.Http();

        await http.PostAsync("/v1.0-alpha1/jobs/short-lived", Json("""{"dueTime":"1h"}"""));
        var deleted = await http.DeleteAsync("/v1.0-alpha1/jobs/short-lived");
        var again = await http.DeleteAsync("/v1.0/jobs/short-lived");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/v1.0/jobs/short-lived")).StatusCode);
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString();
}
