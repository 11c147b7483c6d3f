using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Todo.Contracts;
using Todo.Contracts.Accounts;

namespace Todo.ServiceDefaults.Auth;

/// <summary>
/// The HMAC key for user tokens, read from the Dapr secret store on first use and cached. Nothing reads it at
/// start-up, so an app starts even while its sidecar is still coming up; a failed read is retried on the next call.
/// </summary>
public sealed class SigningKeyProvider(DaprClient dapr, IConfiguration configuration, ILogger<SigningKeyProvider> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SymmetricSecurityKey? _key;

    /// <summary>The cached key, or null when it has not been read yet.</summary>
    public SymmetricSecurityKey? Cached => _key;

    public async ValueTask<SymmetricSecurityKey> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_key is null)
            {
                var secretName = configuration["Auth:SigningKeySecret"] ?? UserTokenDefaults.SigningKeySecretName;
                var secretKey = configuration["Auth:SigningKeySecretKey"] ?? UserTokenDefaults.SigningKeySecretKey;
                var secret = await dapr.GetSecretAsync(DaprNames.SecretStore, secretName, cancellationToken: cancellationToken);
                if (!secret.TryGetValue(secretKey, out var encoded) || string.IsNullOrWhiteSpace(encoded))
                {
                    throw new InvalidOperationException($"secret '{secretName}' in store '{DaprNames.SecretStore}' has no key '{secretKey}'");
                }

                var bytes = Decode(encoded);
                if (bytes.Length < 32)
                {
                    throw new InvalidOperationException($"the token signing key in secret '{secretName}' must be at least 256 bits");
                }

                _key = new SymmetricSecurityKey(bytes) { KeyId = "todo-user-token" };
                logger.LogInformation("Token signing key loaded from secret store {Store}", DaprNames.SecretStore);
            }

            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Keys are generated as base64; a plain passphrase is accepted as its UTF-8 bytes.
    private static byte[] Decode(string encoded)
    {
        try
        {
            return Convert.FromBase64String(encoded.Trim());
        }
        catch (FormatException)
        {
            return System.Text.Encoding.UTF8.GetBytes(encoded);
        }
    }
}
