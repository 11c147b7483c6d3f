using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Todo.Contracts.Accounts;

namespace Todo.ServiceDefaults.Auth;

/// <summary>
/// Signs the short-lived user token that todo-web attaches to each call to todo-backend: HMAC-SHA256, issuer
/// todo-web, audience todo-backend, <c>sub</c> = user id, <c>sst</c> = the session stamp the cookie carries, five
/// minutes. The key comes from the secret store.
/// </summary>
public sealed class UserTokenIssuer(SigningKeyProvider keys, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public ValueTask<string> IssueAsync(string userId, string username, CancellationToken cancellationToken) =>
        IssueAsync(userId, username, null, cancellationToken);

    public async ValueTask<string> IssueAsync(string userId, string username, string? sessionStamp, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken);
        return Issue(key, userId, username, time.GetUtcNow(), sessionStamp: sessionStamp);
    }

    /// <summary>Signs a token with an explicit key and clock (tests and tools).</summary>
    public static string Issue(SecurityKey key, string userId, string username, DateTimeOffset now, TimeSpan? lifetime = null, string? sessionStamp = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = userId, ["name"] = username };
        if (!string.IsNullOrEmpty(sessionStamp))
        {
            claims[UserTokenDefaults.SessionStampClaim] = sessionStamp;
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = UserTokenDefaults.Issuer,
            Audience = UserTokenDefaults.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? UserTokenDefaults.Lifetime)).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
