using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Configuration;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// The callee sidecar's access-control check of a service invocation (dapr/dapr pkg/api/grpc/daprinternal.go,
/// callLocalValidateACL), and how the caller's sidecar reports a refusal over HTTP
/// (pkg/api/http/directmessaging.go, onDirectMessage: 403 with <c>ERR_DIRECT_INVOKE</c>, the gRPC PermissionDenied
/// error as text in the message). The deprecated gRPC <c>InvokeService</c> wraps the same error in ErrDirectInvoke
/// without looking at its code (pkg/api/grpc/grpc.go), so a gRPC caller sees Internal, not PermissionDenied.
/// </summary>
internal static class InvokeAccessControl
{
    // commonv1pb.HTTPExtension_Verb names; any other verb is sent as POST
    // (pkg/messaging/v1/invoke_method_request.go, WithHTTPExtension).
    private static readonly HashSet<string> ExtensionVerbs = new(StringComparer.Ordinal)
    {
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "PATCH", "TRACE",
    };

    /// <summary>
    /// The caller's identity as the callee sees it over mTLS: its app id, its namespace (<c>default</c> when unset)
    /// and the trust domain of its own Configuration.
    /// </summary>
    public static SpiffeId IdentityOf(Sidecar sidecar) =>
        new(sidecar.Configuration.TrustDomain, sidecar.Namespace ?? "default", sidecar.AppId);

    /// <summary>Throws daprd's refusal (HTTP 403 / gRPC Internal, ERR_DIRECT_INVOKE) when the callee's policy denies the call.</summary>
    /// <remarks>
    /// <paramref name="httpMethod"/> is null for a gRPC <c>InvokeService</c> without an HTTP extension (or with verb
    /// NONE): daprd then matches the operation without a verb (pkg/acl/acl.go, ApplyAccessControlPolicies).
    /// </remarks>
    public static void EnsureAllowed(Sidecar caller, Sidecar callee, string targetAppId, string method, string? httpMethod)
    {
        if (Deny(caller, callee, targetAppId, method, httpMethod) is { } message)
        {
            throw DaprErrors.DirectInvoke.WithStatus(403, Grpc.Core.StatusCode.Internal).Legacy(message);
        }
    }

    /// <summary>
    /// Null when the callee's policy lets the call through, else the error message daprd's caller sidecar answers.
    /// A call to the caller's own app id never leaves its sidecar in daprd (direct_messaging.go, invokeLocal), so no
    /// policy applies to it.
    /// </summary>
    public static string? Deny(Sidecar caller, Sidecar callee, string targetAppId, string method, string? httpMethod)
    {
        // Same app id (the emulator hosts one namespace): daprd serves it from its own app channel, replicas or not.
        if (caller.AppId == callee.AppId || callee.Configuration.AccessControl is not { } acl)
        {
            return null;
        }

        var verb = httpMethod?.ToUpperInvariant();
        if (verb is not null && !ExtensionVerbs.Contains(verb))
        {
            verb = "POST";
        }

        var (allowed, message) = acl.Apply(IdentityOf(caller), method, verb, isHttp: true);
        if (allowed)
        {
            return null;
        }

        callee.Logger.LogDebug("{Message}", message);
        return $"failed to invoke, id: {targetAppId}, err: rpc error: code = PermissionDenied desc = {message}";
    }
}
