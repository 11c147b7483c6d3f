using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// HTTP service invocation. The caller's sidecar forwards straight to the callee's app channel (one process hosts
/// both sidecars), passing verb, path, raw query, headers and body through and the app's answer back verbatim.
/// </summary>
internal static class InvokeHttpApi
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Proxy-Connection",
        "Proxy-Authenticate", "Proxy-Authorization", "Host", "Content-Length", "dapr-app-id", "dapr-api-token",
    };

    // Identity headers a caller must not be able to spoof: daprd strips them and stamps its own
    // (dapr/dapr pkg/messaging/direct_messaging.go, invokeLocal and addCallerAndCalleeAppIDHeaderToMetadata).
    private static readonly HashSet<string> StampedIdentity = new(StringComparer.OrdinalIgnoreCase)
    {
        "dapr-caller-app-id", "dapr-caller-namespace", "dapr-callee-app-id",
    };

    // "{**path}": the parameterless fallback skips paths whose last segment has a dot (hello.txt), which daprd forwards.
    public static void MapInvokeApi(this IEndpointRouteBuilder app) => app.MapFallback("{**path}", InvokeAsync);

    private static async Task InvokeAsync(HttpContext context)
    {
        var caller = context.RequestServices.GetRequiredService<Sidecar>();
        if (HttpMethods.IsConnect(context.Request.Method))
        {
            throw DaprErrors.DirectInvoke.WithStatus(400, Grpc.Core.StatusCode.InvalidArgument).Legacy("invalid HTTP verb: CONNECT");
        }

        if (InvokeTarget.Find(context) is not var (appId, method))
        {
            await DaprErrorResults.WriteAsync(context.Response, DaprErrors.DirectInvoke.WithStatus(404, Grpc.Core.StatusCode.NotFound).Legacy("failed getting app id either from the URL path or the header dapr-app-id"));
            return;
        }

        var callee = context.RequestServices.GetRequiredService<SidecarRegistry>().Find(StripNamespace(appId));
        if (callee is null)
        {
            await DaprErrorResults.WriteAsync(context.Response, DaprErrors.DirectInvoke.WithStatus(500, Grpc.Core.StatusCode.Internal).Legacy($"failed to invoke, id: {appId}, err: couldn't find service: {appId}"));
            return;
        }

        InvokeAccessControl.EnsureAllowed(caller, callee, appId, method, context.Request.Method);
        await ResilientHttpInvoke.SendAsync(context, caller, callee.AppChannel, appId, method,
            () => BuildRequest(context, caller, callee, method), CopyResponseAsync);
    }

    private static HttpRequestMessage BuildRequest(HttpContext context, Sidecar caller, Sidecar callee, string method)
    {
        var incoming = context.Request;
        var target = "/" + string.Join('/', method.Split('/').Select(Uri.EscapeDataString)) + incoming.QueryString.Value;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(target, UriKind.Relative))
        {
            Version = System.Net.HttpVersion.Version11,
        };
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
            if (incoming.ContentLength is { } length)
            {
                request.Content.Headers.ContentLength = length;
            }
        }

        var connectionListed = incoming.Headers.Connection.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name) || StampedIdentity.Contains(name) || connectionListed.Contains(name) || name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("traceparent", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Header names arrive lower-cased at the callee: between real sidecars they travel as gRPC metadata.
            var lower = name.ToLowerInvariant();
            if (!request.Headers.TryAddWithoutValidation(lower, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(lower, (IEnumerable<string?>)values);
            }
        }

        CallerHeaders.Stamp(request, caller, callee, context.Connection.RemoteIpAddress?.ToString(), incoming.Host.Value,
            incoming.Headers["traceparent"].ToString());
        return request;
    }

    private static async Task CopyResponseAsync(HttpResponseMessage response, HttpResponse outgoing, CancellationToken cancellationToken)
    {
        outgoing.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name) || name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                outgoing.Headers[name] = values.ToArray();
            }
        }

        outgoing.Headers.Remove(HeaderNames.TransferEncoding);
        await CopyBodyAsync(await response.Content.ReadAsStreamAsync(cancellationToken), outgoing.BodyWriter, cancellationToken);
    }

    /// <summary>
    /// Streams the app's body to the caller, flushing per 64 KiB or whenever the app has nothing more buffered. A
    /// flush per read (what Stream.CopyToAsync into the response does) costs one send per small chunk and made a
    /// 500 KB answer ~15 ms slower; flushing when a read comes back short keeps streamed answers just as prompt.
    /// </summary>
    private static async Task CopyBodyAsync(Stream source, System.IO.Pipelines.PipeWriter target, CancellationToken cancellationToken)
    {
        const int chunk = 16 * 1024;
        const int flushAt = 64 * 1024;
        var unflushed = 0;
        while (true)
        {
            var memory = target.GetMemory(chunk);
            var read = await source.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            target.Advance(read);
            unflushed += read;
            if (unflushed >= flushAt || read < memory.Length)
            {
                await target.FlushAsync(cancellationToken);
                unflushed = 0;
            }
        }

        await target.FlushAsync(cancellationToken);
    }

    // "appid.namespace": the emulator hosts a single namespace, so the suffix only has to be well-formed.
    private static string StripNamespace(string appId) =>
        InvokeTarget.AppIdWithoutNamespace(appId) ??
        throw DaprErrors.DirectInvoke.WithStatus(500, Grpc.Core.StatusCode.InvalidArgument).Legacy($"invalid app id: {appId}");
}
