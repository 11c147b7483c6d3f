using System.Net;
using System.Text;
using Grpc.Core;
using GrpcMetadata = Grpc.Core.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// How daprd answers a gRPC <c>InvokeService</c> from an HTTP app's response (pkg/api/grpc/grpc.go InvokeService,
/// pkg/messaging/v1/util.go): the app's headers become response metadata, and a non-2xx status becomes a gRPC error.
/// </summary>
internal static class GrpcInvokeResponse
{
    /// <summary>util.go maxMetadataValueLen: the app's error body is cut to this many bytes in the ErrorInfo.</summary>
    private const int MaxMetadataValueLength = 63;

    // util.go isPermanentHTTPHeader: these keep their value under a "dapr-" prefix (they mean something else in gRPC).
    private static readonly HashSet<string> PermanentHttpHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Accept-Charset", "Accept-Language", "Accept-Ranges", "Connection", "Keep-Alive", "Proxy-Connection",
        "Transfer-Encoding", "Upgrade", "Cache-Control", "Content-Type", "Content-Length", "Cookie", "Date", "Expect", "From",
        "Host", "If-Match", "If-Modified-Since", "If-None-Match", "If-Schedule-Tag-Match", "If-Unmodified-Since",
        "Max-Forwards", "Origin", "Pragma", "Referer", "Via", "Warning",
    };

    /// <summary>util.go InternalMetadataToGrpcMetadata(…, httpHeaderConversion: true) over the app's response headers.</summary>
    public static GrpcMetadata Headers(HttpResponseMessage response)
    {
        var metadata = new GrpcMetadata();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            var key = name.ToLowerInvariant();

            // Go's net/http keeps Transfer-Encoding out of the header map; grpc-* keys would be read as gRPC's own.
            if (key is "traceparent" or "tracestate" or "grpc-trace-bin" or "dapr-app-id" or "transfer-encoding" || key.StartsWith("grpc-", StringComparison.Ordinal))
            {
                continue;
            }

            if (PermanentHttpHeaders.Contains(name))
            {
                key = "dapr-" + key;
            }

            foreach (var value in values)
            {
                try
                {
                    if (key.EndsWith(GrpcMetadata.BinaryHeaderSuffix, StringComparison.Ordinal))
                    {
                        metadata.Add(key, Convert.FromBase64String(value));
                    }
                    else
                    {
                        metadata.Add(key, value);
                    }
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    // util.go skips a "-bin" value that is not base64; a name gRPC cannot carry is skipped too.
                }
            }
        }

        return metadata;
    }

    /// <summary>
    /// util.go ErrorFromHTTPResponseCode: null for 2xx, else the status CodeFromHTTPStatus maps to, with Go's status
    /// text as message and an ErrorInfo (reason = status text) carrying <c>http.code</c> and the start of the body.
    /// </summary>
    public static DaprApiException? ErrorFromHttpStatus(int status, byte[] body)
    {
        if (status is >= 200 and < 300)
        {
            return null;
        }

        var text = ReasonPhrases.GetReasonPhrase(status);
        var detail = Encoding.UTF8.GetString(body, 0, body.Length >= MaxMetadataValueLength ? MaxMetadataValueLength : body.Length);
        return new DaprApiException(status, CodeFromHttpStatus(status), "", text)
        {
            Details =
            [
                new ErrorInfoDetail(text, new Dictionary<string, string>
                {
                    ["http.code"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["http.error_message"] = detail,
                }),
            ],
        };
    }

    /// <summary>util.go CodeFromHTTPStatus.</summary>
    public static StatusCode CodeFromHttpStatus(int status) => status switch
    {
        >= 200 and < 300 => StatusCode.OK,
        (int)HttpStatusCode.RequestTimeout => StatusCode.Cancelled,
        (int)HttpStatusCode.InternalServerError => StatusCode.Unknown,
        (int)HttpStatusCode.BadRequest => StatusCode.Internal,
        (int)HttpStatusCode.GatewayTimeout => StatusCode.DeadlineExceeded,
        (int)HttpStatusCode.NotFound => StatusCode.NotFound,
        (int)HttpStatusCode.Conflict => StatusCode.AlreadyExists,
        (int)HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        (int)HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        (int)HttpStatusCode.TooManyRequests => StatusCode.ResourceExhausted,
        (int)HttpStatusCode.NotImplemented => StatusCode.Unimplemented,
        (int)HttpStatusCode.ServiceUnavailable => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
