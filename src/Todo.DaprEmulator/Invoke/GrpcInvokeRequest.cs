using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;

namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// How daprd turns a gRPC <c>InvokeRequest</c> into the HTTP request its app channel sends
/// (pkg/channel/http/http_channel.go constructRequest, pkg/messaging/v1/util.go InternalMetadataToHTTPHeader).
/// </summary>
internal static class GrpcInvokeRequest
{
    // util.go: traceparent/tracestate/grpc-trace-bin are replaced by the hop's own, dapr-app-id (DestinationIDHeader)
    // is dropped, content-type/length come from the message, "-bin" keys and hop-by-hop headers are not forwarded.
    // The emulator also drops the caller's dapr-api-token and the identity headers it stamps itself, as its HTTP
    // invoke path does (the app channel sets the app token).
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "traceparent", "tracestate", "grpc-trace-bin", "dapr-app-id", "content-type", "content-length",
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings", "te", "trailer",
        "proxy-authorization", "proxy-authenticate", "dapr-api-token", "dapr-caller-app-id", "dapr-caller-namespace",
        "dapr-callee-app-id", "host",
    };

    /// <summary>invoke_method_request.go ContentType: a typed Any is protobuf whatever the message says.</summary>
    private const string ProtobufContentType = "application/x-protobuf";

    /// <summary>
    /// pkg/messaging/method/normalize.go NormalizeMethod: forbidden characters are refused with Go's wording, then the
    /// path is cleaned and leading <c>../</c> dropped.
    /// </summary>
    public static (string? Method, string? Error) NormaliseMethod(string method)
    {
        if (method.IndexOfAny(['#', '?', '\0']) >= 0)
        {
            return (null, $"method contains forbidden character: {GoFormat.Quote(method)}");
        }

        for (var i = 0; i < method.Length; i++)
        {
            if (method[i] < 0x20 || method[i] == 0x7f)
            {
                return (null, $"method contains control character at position {i}: {GoFormat.Quote(method)}");
            }
        }

        return (InvokeTarget.CleanPath(method), null);
    }

    public static HttpRequestMessage Build(InvokeRequest message, string method, string verb, ServerCallContext context)
    {
        var query = message.HttpExtension?.Querystring;
        var target = "/" + method + (string.IsNullOrEmpty(query) ? "" : "?" + query);
        var request = new HttpRequestMessage(new HttpMethod(verb), new Uri(target, UriKind.Relative))
        {
            Version = System.Net.HttpVersion.Version11,
        };

        var contentType = !string.IsNullOrEmpty(message.Data?.TypeUrl) ? ProtobufContentType : message.ContentType;
        var data = message.Data?.Value;
        if (data is { Length: > 0 } || !string.IsNullOrEmpty(contentType))
        {
            request.Content = new ByteArrayContent(data?.ToByteArray() ?? []);
            request.Content.Headers.ContentType = null;
            if (!string.IsNullOrEmpty(contentType))
            {
                request.Content.Headers.TryAddWithoutValidation("content-type", contentType);
            }
        }

        // grpc-go puts :authority in the incoming metadata; util.go ReservedGRPCMetadataToDaprPrefixHeader renames it
        // and every grpc-* key to dapr-….
        request.Headers.TryAddWithoutValidation("dapr-authority", context.Host);
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.IsBinary || NotForwarded.Contains(entry.Key))
            {
                continue;
            }

            var name = entry.Key.StartsWith("grpc-", StringComparison.Ordinal) ? "dapr-" + entry.Key : entry.Key;
            request.Headers.TryAddWithoutValidation(name, entry.Value);
        }

        return request;
    }

    /// <summary>The caller's address from grpc-dotnet's peer string (<c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c>).</summary>
    public static string? PeerAddress(string? peer)
    {
        var colon = peer?.IndexOf(':') ?? -1;
        if (colon < 0)
        {
            return null;
        }

        var address = peer![(colon + 1)..];
        var portAt = address.LastIndexOf(':');
        address = portAt > 0 ? address[..portAt] : address;
        return address.Trim('[', ']');
    }
}
