using System.Diagnostics;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Telemetry;

/// <summary>
/// One trace from the caller to the event: the trace id the web sends crosses its sidecar, the backend (whose
/// instrumentation continues it into the publish call) and the backend's sidecar into the CloudEvent delivered to
/// subscribers, where the web continues it.
/// </summary>
public sealed class TraceTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ACreateThroughTheSidecarCarriesTheCallersTraceIntoItsTaskEvent()
    {
        var (_, client) = await backend.NewUserAsync();
        // The web's span: the HttpClient call continues it with a traceparent, as BackendClient's calls do.
        using var webSpan = new Activity("todo-web: quick add").SetIdFormat(ActivityIdFormat.W3C).Start();
        var traceId = webSpan.TraceId.ToHexString();

        var task = await client.CreateTaskAsync(new CreateTaskRequest("traced"));
        webSpan.Stop();
        var created = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Created && e.IsAbout(task.Id));

        Assert.Equal(traceId, TraceIdOf(created.Envelope.GetProperty("traceparent").GetString()!));
        Assert.Equal(traceId, TraceIdOf(created.TraceParent));
    }

    private static string TraceIdOf(string traceParent) => traceParent.Split('-') is [_, var id, _, _] ? id : $"not a traceparent: '{traceParent}'";
}
