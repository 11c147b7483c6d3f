namespace Todo.DaprEmulator.Configuration;

/// <summary>
/// The identity a caller's sidecar presents over mTLS: <c>spiffe://&lt;trust domain&gt;/ns/&lt;namespace&gt;/&lt;app id&gt;</c>
/// (dapr/dapr pkg/security/spiffe/spiffe.go). Sentry puts the trust domain of the caller's own Configuration
/// (<c>accessControl.trustDomain</c>, else <c>public</c>) into the certificate
/// (pkg/sentry/server/validator/kubernetes/kubernetes.go), and the namespace is the sidecar's NAMESPACE, <c>default</c>
/// when unset (pkg/security/security.go, CurrentNamespace).
/// </summary>
public sealed record SpiffeId(string TrustDomain, string Namespace, string AppId)
{
    public string Url => $"spiffe://{TrustDomain}/ns/{Namespace}/{AppId}";
}
