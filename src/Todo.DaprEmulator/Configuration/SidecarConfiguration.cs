namespace Todo.DaprEmulator.Configuration;

/// <summary>
/// The Configuration in force on one sidecar, as daprd builds it from its <c>--config</c> (in Kubernetes the
/// <c>dapr.io/config</c> annotation): the resource merged over daprd's default configuration, the secret scopes per
/// store, the parsed access-control list, and the trust domain Sentry writes into this sidecar's certificate.
/// </summary>
public sealed class SidecarConfiguration
{
    /// <summary>dapr/dapr pkg/config/configuration.go, DefaultTrustDomain.</summary>
    public const string DefaultTrustDomain = "public";

    private readonly Dictionary<string, SecretsScope> _secretScopes;

    private SidecarConfiguration(string? name, Dictionary<string, SecretsScope> secretScopes, AccessControlList? accessControl, string trustDomain)
    {
        Name = name;
        _secretScopes = secretScopes;
        AccessControl = accessControl;
        TrustDomain = trustDomain;
    }

    /// <summary>A sidecar without a Configuration: daprd's LoadDefaultConfiguration (access control allows everything).</summary>
    public static SidecarConfiguration Default { get; } = From(null);

    /// <summary>The Configuration's name, or null for daprd's default configuration.</summary>
    public string? Name { get; }

    /// <summary>The access-control list this sidecar applies to calls it receives (null: none specified).</summary>
    public AccessControlList? AccessControl { get; }

    /// <summary>
    /// The trust domain of this sidecar's own identity: <c>accessControl.trustDomain</c> of its Configuration, else
    /// <c>public</c> (pkg/sentry/server/validator/kubernetes/kubernetes.go reads it from the pod's dapr.io/config).
    /// </summary>
    public string TrustDomain { get; }

    /// <summary>
    /// Universal.isSecretAllowed (dapr/dapr pkg/api/universal/secrets.go): a store without a scope allows every secret.
    /// </summary>
    public bool IsSecretAllowed(string storeName, string key) =>
        !_secretScopes.TryGetValue(storeName, out var scope) || scope.IsSecretAllowed(key);

    /// <summary>
    /// Builds the configuration of a sidecar. Throws <see cref="InvalidOperationException"/> with daprd's message where
    /// daprd refuses to start: a store named twice in <c>secrets.scopes</c>, a <c>defaultAccess</c> other than
    /// allow/deny (pkg/config/configuration.go, sortAndValidateSecretsConfiguration), an invalid access-control policy
    /// (pkg/acl/acl.go, ParseAccessControlSpec). Callee apps are HTTP apps in the emulator.
    /// </summary>
    public static SidecarConfiguration From(ConfigurationResource? resource)
    {
        var scopes = new Dictionary<string, SecretsScope>(StringComparer.Ordinal);
        foreach (var scope in resource?.SecretScopes ?? [])
        {
            if (scopes.ContainsKey(scope.StoreName))
            {
                throw new InvalidOperationException($"{scope.StoreName} storeName is repeated in secrets configuration");
            }

            if (!string.IsNullOrEmpty(scope.DefaultAccess) &&
                !scope.DefaultAccess.Equals("allow", StringComparison.OrdinalIgnoreCase) &&
                !scope.DefaultAccess.Equals("deny", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"defaultAccess {scope.DefaultAccess} can be either allow or deny");
            }

            scopes[scope.StoreName] = scope;
        }

        // LoadDefaultConfiguration sets accessControl {defaultAction: allow, trustDomain: public}, and the resource is
        // unmarshalled over it (LoadKubernetesConfiguration: json.Unmarshal into the default; the CRD's fields are all
        // omitempty). So a field the resource leaves out keeps the default: an accessControl with policies but no
        // defaultAction ends up "allow", not the "deny" ParseAccessControlSpec would pick for an empty one.
        var written = resource?.AccessControl;
        var merged = new AccessControlSpec(
            string.IsNullOrEmpty(written?.DefaultAction) ? "allow" : written.DefaultAction,
            string.IsNullOrEmpty(written?.TrustDomain) ? DefaultTrustDomain : written.TrustDomain,
            written?.Policies ?? []);
        var acl = AccessControlList.Parse(merged, isHttp: true);
        var trustDomain = string.IsNullOrEmpty(written?.TrustDomain) ? DefaultTrustDomain : written.TrustDomain;
        return new SidecarConfiguration(resource?.Name, scopes, acl, trustDomain);
    }
}
