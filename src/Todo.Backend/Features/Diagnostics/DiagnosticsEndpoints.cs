using Dapr.Client;
using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Contracts;
using Todo.Contracts.Diagnostics;

namespace Todo.Backend.Features.Diagnostics;

/// <summary>
/// The walking skeleton: one read that touches the state store and one write that publishes an event, so the whole
/// invocation → state → pub/sub → web path can be seen working. Kept as the AppHost smoke test's probe: it needs no
/// account, so it checks the plumbing alone.
/// </summary>
internal static class DiagnosticsEndpoints
{
    private const string VisitsKey = "diagnostics-visits";

    public static void MapDiagnostics(this WebApplication app)
    {
        var group = app.MapGroup("/api").WithTags("Diagnostics");
        group.MapGet("/hello", GetHelloAsync).WithName("GetHello").WithSummary("Greets and counts visits in the state store.");
        group.MapPost("/ping", PublishPingAsync).WithName("PublishPing").WithSummary("Publishes a ping event to the web.");
    }

    private static async Task<Ok<HelloResponse>> GetHelloAsync(DaprClient dapr, TimeProvider time, CancellationToken cancellationToken)
    {
        // Optimistic concurrency: concurrent visits retry instead of losing a count.
        while (true)
        {
            var (visits, etag) = await dapr.GetStateAndETagAsync<long>(DaprNames.StateStore, VisitsKey, cancellationToken: cancellationToken);
            var next = visits + 1;
            if (await dapr.TrySaveStateAsync(DaprNames.StateStore, VisitsKey, next, etag, cancellationToken: cancellationToken))
            {
                return TypedResults.Ok(new HelloResponse($"Hello from {DaprNames.BackendAppId}", next, time.GetUtcNow()));
            }
        }
    }

    private static async Task<Accepted<PingSent>> PublishPingAsync(PingRequest? request, DaprClient dapr, TimeProvider time, CancellationToken cancellationToken)
    {
        var message = string.IsNullOrWhiteSpace(request?.Message) ? "Ping from todo-backend" : request.Message.Trim();
        var ping = new PingSent(message.Length > 200 ? message[..200] : message, time.GetUtcNow());
        await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.DiagnosticsTopic, ping,
            new Dictionary<string, string> { ["cloudevent.type"] = PingSent.EventType }, cancellationToken);
        return TypedResults.Accepted((string?)null, ping);
    }
}

/// <summary>Optional body of <c>POST /api/ping</c>.</summary>
internal sealed record PingRequest(string? Message);
