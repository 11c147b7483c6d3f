namespace Todo.DaprEmulator.Configuration;

/// <summary>
/// One entry of <c>spec.secrets.scopes</c>: which secrets of one store an app may read.
/// Port of <c>SecretsScope.IsSecretAllowed</c> (dapr/dapr pkg/config/configuration.go): names match exactly and
/// case-sensitively; a non-empty <c>allowedSecrets</c> decides alone (it even overrides <c>deniedSecrets</c> and
/// <c>defaultAccess</c>); otherwise a name in <c>deniedSecrets</c> is refused; otherwise <c>defaultAccess</c> applies
/// (allow unless it is <c>deny</c>, compared case-insensitively).
/// </summary>
public sealed record SecretsScope(
    string StoreName,
    string? DefaultAccess,
    IReadOnlyList<string> AllowedSecrets,
    IReadOnlyList<string> DeniedSecrets)
{
    public bool IsSecretAllowed(string key)
    {
        if (AllowedSecrets.Count != 0)
        {
            return AllowedSecrets.Contains(key, StringComparer.Ordinal);
        }

        if (DeniedSecrets.Contains(key, StringComparer.Ordinal))
        {
            return false;
        }

        return !string.Equals(DefaultAccess, "deny", StringComparison.OrdinalIgnoreCase);
    }
}
