using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Todo.DaprEmulator.Errors;

namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// Finds the target app id and method of a service-invocation request in daprd's order: the <c>dapr-app-id</c>
/// header (the whole path is the method), Basic auth <c>dapr-app-id:&lt;id&gt;</c>, then
/// <c>/v1.0/invoke/{id}/method/{method}</c>.
/// </summary>
internal static class InvokeTarget
{
    private const string InvokePrefix = "/v1.0/invoke/";

    public static (string AppId, string Method)? Find(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (request.Headers.TryGetValue("dapr-app-id", out var headerAppId) && !string.IsNullOrEmpty(headerAppId))
        {
            return (headerAppId.ToString(), Normalise(path.TrimStart('/')));
        }

        if (request.Headers.Authorization.ToString() is { Length: > 6 } auth && auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..].Trim()));
                if (decoded.StartsWith("dapr-app-id:", StringComparison.Ordinal))
                {
                    return (decoded["dapr-app-id:".Length..], Normalise(path.TrimStart('/')));
                }
            }
            catch (FormatException)
            {
                // Not our Basic credentials: fall through to the path form.
            }
        }

        // The raw target keeps escaped slashes inside the app id (http%3A%2F%2Fhost), which the decoded path loses.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path;
        var queryStart = raw.IndexOf('?');
        if (queryStart >= 0)
        {
            raw = raw[..queryStart];
        }

        if (!raw.StartsWith(InvokePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = raw[InvokePrefix.Length..];
        var marker = rest.IndexOf("/method/", StringComparison.Ordinal);
        if (marker <= 0)
        {
            return null;
        }

        var appId = Uri.UnescapeDataString(rest[..marker]);
        var method = Uri.UnescapeDataString(rest[(marker + "/method/".Length)..]);
        return (appId, Normalise(method));
    }

    /// <summary>
    /// The app id of <c>appid</c> or <c>appid.namespace</c>, null for more dots (pkg/messaging/direct_messaging.go,
    /// requestAppIDAndNamespace). The emulator hosts a single namespace, so the suffix only has to be well-formed.
    /// </summary>
    public static string? AppIdWithoutNamespace(string appId)
    {
        var parts = appId.Split('.');
        return parts.Length > 2 ? null : parts[0];
    }

    /// <summary>daprd rejects <c>#</c>, <c>?</c>, NUL and control characters, then cleans the path and drops leading <c>../</c>.</summary>
    private static string Normalise(string method)
    {
        if (method.Any(c => c is '#' or '?' || char.IsControl(c)))
        {
            throw DaprErrors.DirectInvoke.WithStatus(400, Grpc.Core.StatusCode.InvalidArgument).Legacy("invalid method name: it must not contain '#', '?' or control characters");
        }

        return CleanPath(method);
    }

    /// <summary>path.Clean without the leading slash, leading <c>../</c> dropped (normalize.go NormalizeMethod).</summary>
    public static string CleanPath(string method)
    {
        var segments = new List<string>();
        foreach (var segment in method.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    continue;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return string.Join('/', segments);
    }
}
