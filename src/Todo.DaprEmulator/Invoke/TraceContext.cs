using System.Diagnostics;

namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// W3C trace context as daprd propagates it: the trace id of the incoming <c>traceparent</c> is kept and a new span id
/// is minted for the hop; without one, a new trace starts.
/// </summary>
internal static class TraceContext
{
    public static string NextHop(string? incoming)
    {
        if (incoming is { Length: 55 } && incoming[2] == '-' && incoming[35] == '-' && incoming[52] == '-')
        {
            var traceId = incoming.Substring(3, 32);
            var flags = incoming.Substring(53, 2);
            return $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-{flags}";
        }

        return $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }
}
