namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// The headers daprd adds to every invocation it forwards, whichever API the caller used: the caller's and callee's
/// identity (pkg/messaging/direct_messaging.go addCallerAndCalleeAppIDHeaderToMetadata), the forwarding headers
/// (addForwardedHeadersToMetadata) and a traceparent for the hop.
/// </summary>
internal static class CallerHeaders
{
    public static void Stamp(HttpRequestMessage request, Hosting.Sidecar caller, Hosting.Sidecar callee, string? remoteAddress, string? host, string? incomingTraceParent)
    {
        host ??= "";
        request.Headers.TryAddWithoutValidation("dapr-caller-app-id", caller.AppId);
        request.Headers.TryAddWithoutValidation("dapr-callee-app-id", callee.AppId);
        if (caller.Namespace is { } ns)
        {
            request.Headers.TryAddWithoutValidation("dapr-caller-namespace", ns);
        }

        var remote = remoteAddress ?? "127.0.0.1";
        request.Headers.TryAddWithoutValidation("x-forwarded-for", remote);
        request.Headers.TryAddWithoutValidation("x-forwarded-host", host);
        request.Headers.TryAddWithoutValidation("forwarded", $"for={remote};by={remote};host={host}");
        request.Headers.TryAddWithoutValidation("traceparent", TraceContext.NextHop(incomingTraceParent));
    }
}
