using System.Diagnostics;

namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// W3C trace context as daprd propagates it: the trace id of the incoming <c>traceparent</c> is kept and a new span id
/// is minted for the hop; without one, a new trace starts. daprd's hop is a span of its own, exported to its tracing
/// backend (dapr/dapr pkg/diagnostics/tracing.go, <c>StartInternalCallbackSpan</c> for pub/sub deliveries in
/// pkg/runtime/subscription/postman/http/http.go). When something in this process records spans (an app hosted beside
/// the emulator, with OpenTelemetry), the span of the hop is that recorded one, so the trace has no missing parent.
/// </summary>
internal static class TraceContext
{
    private static readonly ActivitySource Source = new(Hosting.DaprEmulatorHost.ActivitySourceName);

    public static string NextHop(string? incoming)
    {
        if (incoming is { Length: 55 } && incoming[2] == '-' && incoming[35] == '-' && incoming[52] == '-')
        {
            var traceId = incoming.Substring(3, 32);
            var flags = incoming.Substring(53, 2);
            // The span serving this hop (the sidecar's request span, or a delivery span below) when it is recorded in
            // the same trace; otherwise a span id nobody records, as daprd's would be without its exporter.
            var spanId = Activity.Current is { Recorded: true } current && current.TraceId.ToHexString() == traceId
                ? current.SpanId.ToHexString()
                : ActivitySpanId.CreateRandom().ToHexString();
            return $"00-{traceId}-{spanId}-{flags}";
        }

        return $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }

    /// <summary>
    /// daprd's span for a pub/sub delivery (<c>pubsub/{topic}</c>, kind client, with <c>messaging.system</c> and
    /// <c>messaging.destination.name</c>: pkg/diagnostics/tracing.go <c>StartInternalCallbackSpan</c> and
    /// <c>ConstructSubscriptionSpanAttributes</c>), child of the trace the CloudEvent carries; null when nobody listens
    /// to <see cref="Hosting.DaprEmulatorHost.ActivitySourceName"/>.
    /// </summary>
    public static Activity? StartDelivery(string topic, string? traceParent, string? traceState)
    {
        if (!ActivityContext.TryParse(traceParent, traceState, out var parent))
        {
            return null;
        }

        var span = Source.StartActivity($"pubsub/{topic}", ActivityKind.Client, parent);
        span?.SetTag("messaging.system", "pubsub");
        span?.SetTag("messaging.destination.name", topic);
        return span;
    }
}
