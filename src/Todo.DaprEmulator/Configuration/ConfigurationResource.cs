namespace Todo.DaprEmulator.Configuration;

/// <summary>
/// A Dapr <c>Configuration</c> resource (dapr.io/v1alpha1) as read from a resources folder: the parts the emulator
/// applies (secret scopes and access control). Other sections (tracing, metrics, features...) are read by daprd but
/// change nothing an app can observe through the emulator, so they are accepted and ignored.
/// </summary>
/// <remarks>
/// Fields are kept as written (null when absent): daprd merges the resource over its default configuration
/// (dapr/dapr pkg/config/configuration.go, LoadKubernetesConfiguration / LoadStandaloneConfiguration over
/// LoadDefaultConfiguration), and the defaults are applied where that merge happens, in <see cref="SidecarConfiguration"/>.
/// </remarks>
public sealed record ConfigurationResource(
    string Name,
    IReadOnlyList<SecretsScope>? SecretScopes,
    AccessControlSpec? AccessControl,
    string SourceFile);

/// <summary><c>spec.accessControl</c> (dapr/dapr pkg/config/configuration.go, AccessControlSpec).</summary>
public sealed record AccessControlSpec(string? DefaultAction, string? TrustDomain, IReadOnlyList<AppPolicySpec> Policies);

/// <summary>One entry of <c>spec.accessControl.policies</c>: the rules for one calling app.</summary>
public sealed record AppPolicySpec(
    string? AppId,
    string? DefaultAction,
    string? TrustDomain,
    string? Namespace,
    IReadOnlyList<AppOperation> Operations);

/// <summary>One entry of a policy's <c>operations</c>: <c>name</c> (with <c>/*</c> and <c>/**</c> globs), <c>httpVerb</c>, <c>action</c>.</summary>
public sealed record AppOperation(string Name, IReadOnlyList<string> HttpVerbs, string? Action);
