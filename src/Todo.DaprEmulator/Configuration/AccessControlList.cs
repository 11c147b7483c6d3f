namespace Todo.DaprEmulator.Configuration;

/// <summary>
/// Service-invocation access control as daprd evaluates it on the callee's sidecar: a port of
/// dapr/dapr pkg/acl/acl.go (ParseAccessControlSpec, isOperationAllowedByAccessControlPolicy, ApplyAccessControlPolicies).
/// </summary>
public sealed class AccessControlList
{
    private readonly Dictionary<string, Policy> _policies;

    private AccessControlList(string defaultAction, string trustDomain, Dictionary<string, Policy> policies)
    {
        DefaultAction = defaultAction;
        TrustDomain = trustDomain;
        _policies = policies;
    }

    /// <summary>The global action, lower-cased as daprd stores it.</summary>
    public string DefaultAction { get; }

    public string TrustDomain { get; }

    /// <summary>
    /// ParseAccessControlSpec: null when nothing is specified. A policy without <c>trustDomain</c>, <c>namespace</c> or
    /// <c>appId</c> makes the whole spec invalid (daprd then refuses to start) with daprd's message.
    /// <paramref name="isHttp"/> is the callee's app protocol: for HTTP apps operations compare case-insensitively.
    /// </summary>
    public static AccessControlList? Parse(AccessControlSpec? spec, bool isHttp)
    {
        if (spec is null || (string.IsNullOrEmpty(spec.TrustDomain) && string.IsNullOrEmpty(spec.DefaultAction) && spec.Policies.Count == 0))
        {
            return null;
        }

        var trustDomain = string.IsNullOrEmpty(spec.TrustDomain) ? SidecarConfiguration.DefaultTrustDomain : spec.TrustDomain;
        var defaultAction = (spec.DefaultAction ?? "").ToLowerInvariant();
        if (defaultAction.Length == 0)
        {
            // Policies but no global action: daprd defaults to the more secure deny (an empty ACL would allow, but
            // ParseAccessControlSpec already returned null for that).
            defaultAction = spec.Policies.Count > 0 ? "deny" : "allow";
        }

        var invalidTrustDomain = new List<string>();
        var invalidNamespace = new List<string>();
        var invalidAppName = false;
        var policies = new Dictionary<string, Policy>(StringComparer.Ordinal);
        foreach (var policy in spec.Policies)
        {
            var invalid = false;
            if (string.IsNullOrEmpty(policy.AppId))
            {
                invalidAppName = true;
            }

            if (string.IsNullOrEmpty(policy.TrustDomain))
            {
                invalidTrustDomain.Add(policy.AppId ?? "");
                invalid = true;
            }

            if (string.IsNullOrEmpty(policy.Namespace))
            {
                invalidNamespace.Add(policy.AppId ?? "");
                invalid = true;
            }

            if (invalid || invalidAppName)
            {
                continue;
            }

            var trie = new OperationTrie();
            foreach (var operation in policy.Operations)
            {
                var name = operation.Name.StartsWith('/') ? operation.Name : "/" + operation.Name;
                if (isHttp)
                {
                    name = name.ToLowerInvariant();
                }

                var verbs = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var verb in operation.HttpVerbs)
                {
                    verbs[verb] = operation.Action;
                }

                trie.Put(name, new OperationAction(name, verbs, operation.Action));
            }

            // Keyed by app id and namespace: the same app id may have a policy per namespace.
            policies[Key(policy.AppId!, policy.Namespace!)] = new Policy(policy.DefaultAction, policy.TrustDomain!, policy.Namespace!, trie);
        }

        if (invalidTrustDomain.Count > 0 || invalidNamespace.Count > 0 || invalidAppName)
        {
            throw new InvalidOperationException(
                $"invalid access control spec. missing trustdomain for apps: [{string.Join(' ', invalidTrustDomain)}], " +
                $"missing namespace for apps: [{string.Join(' ', invalidNamespace)}], " +
                $"missing app name on at least one of the app policies: {(invalidAppName ? "true" : "false")}");
        }

        return new AccessControlList(defaultAction, trustDomain, policies);
    }

    /// <summary>
    /// ApplyAccessControlPolicies: whether <paramref name="caller"/> (null: no mTLS identity) may call
    /// <paramref name="operation"/> (the normalised method, as the caller's sidecar sent it) with
    /// <paramref name="httpVerb"/> (the HTTPExtension verb name, e.g. <c>GET</c>; null for none). The message is daprd's.
    /// </summary>
    public (bool Allowed, string? Message) Apply(SpiffeId? caller, string operation, string? httpVerb, bool isHttp)
    {
        if (IsAllowed(caller, operation, httpVerb, isHttp))
        {
            return (true, null);
        }

        // Go formats a missing identity's URL as the empty string, and the verb enum by name (NONE when absent).
        return (false, $"access control policy has denied access to id: {caller?.Url ?? ""} operation: {operation} verb: {httpVerb ?? "NONE"}");
    }

    private bool IsAllowed(SpiffeId? caller, string operation, string? httpVerb, bool isHttp)
    {
        var action = DefaultAction;
        if (caller is null || !_policies.TryGetValue(Key(caller.AppId, caller.Namespace), out var policy))
        {
            return IsAllow(action);
        }

        if (policy.TrustDomain != caller.TrustDomain || policy.Namespace != caller.Namespace)
        {
            return IsAllow(action);
        }

        if (!string.IsNullOrEmpty(policy.DefaultAction))
        {
            action = policy.DefaultAction;
        }

        if (!operation.StartsWith('/'))
        {
            operation = "/" + operation;
        }

        if (isHttp)
        {
            operation = operation.ToLowerInvariant();
        }

        if (policy.Operations.Search(operation) is { } matched)
        {
            if (!isHttp)
            {
                action = matched.Action;
            }
            else if (httpVerb is null)
            {
                // acl.go: an HTTP app called without a verb falls back to the app policy's own default action, even
                // when that is empty (which denies).
                action = policy.DefaultAction;
            }
            else if (matched.VerbAction.TryGetValue(httpVerb, out var verbAction) || matched.VerbAction.TryGetValue("*", out verbAction))
            {
                // Verbs are matched exactly as written: daprd compares against the upper-case enum name.
                action = verbAction;
            }
        }

        return IsAllow(action);
    }

    private static bool IsAllow(string? action) => string.Equals(action, "allow", StringComparison.OrdinalIgnoreCase);

    private static string Key(string appId, string @namespace) => appId + "||" + @namespace;

    private sealed record Policy(string? DefaultAction, string TrustDomain, string Namespace, OperationTrie Operations);
}
