using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Todo.Contracts.Accounts;

namespace Todo.ServiceDefaults.Auth;

/// <summary>
/// Signs the short-lived user token that todo-web attaches to each call to todo-backend: HMAC-SHA256, issuer
/// todo-web, audience todo-backend, <c>sub</c> = user id, five minutes. The key comes from the secret store.
/// </summary>
public sealed class UserTokenIssuer(SigningKeyProvider keys, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async ValueTask<string> IssueAsync(string userId, string username, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken);
        return Issue(key, userId, username, time.GetUtcNow());
    }

    /// <summary>Signs a token with an explicit key and clock (tests and tools).</summary>
    public static string Issue(SecurityKey key, string userId, string username, DateTimeOffset now, TimeSpan? lifetime = null) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = UserTokenDefaults.Issuer,
            Audience = UserTokenDefaults.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? UserTokenDefaults.Lifetime)).UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["name"] = username },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
