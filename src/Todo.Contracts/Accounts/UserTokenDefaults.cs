namespace Todo.Contracts.Accounts;

/// <summary>
/// The short-lived user token todo-web signs for each call to todo-backend (HMAC-SHA256 JWT). The signing key is
/// read by both apps from the Dapr secret store.
/// </summary>
public static class UserTokenDefaults
{
    /// <summary>The issuer: todo-web.</summary>
    public const string Issuer = DaprNames.WebAppId;

    /// <summary>The audience: todo-backend.</summary>
    public const string Audience = DaprNames.BackendAppId;

    /// <summary>Lifetime of a token; the backend rejects anything longer-lived.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Default name of the secret holding the signing key (config <c>Auth:SigningKeySecret</c>).</summary>
    public const string SigningKeySecretName = "token-signing-key";

    /// <summary>Key inside that secret (config <c>Auth:SigningKeySecretKey</c>).</summary>
    public const string SigningKeySecretKey = "token-signing-key";

    /// <summary>
    /// Claim of a user token that carries the account's session stamp (absent while the account has none). The backend
    /// refuses a token whose stamp is not the account's current one.
    /// </summary>
    public const string SessionStampClaim = "sst";

    /// <summary>Prefix of personal access tokens, so they are recognisable in logs and secret scanners.</summary>
    public const string AccessTokenPrefix = "todo_pat_";
}
