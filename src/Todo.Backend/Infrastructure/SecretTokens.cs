using System.Security.Cryptography;
using System.Text;
using Dapr;
using Dapr.Client;

namespace Todo.Backend.Infrastructure;

/// <summary>
/// What the bearer secrets (personal access tokens, calendar feed tokens) share: 256 random bits behind a prefix that
/// says what they are, stored only as a SHA-256 hash, and the guarded state transaction that writes a secret's hash
/// key together with its owner's record.
/// </summary>
internal static class SecretTokens
{
    /// <summary>A new secret: <paramref name="prefix"/> and 32 random bytes, base64url.</summary>
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The hex SHA-256 of a secret: the only form it is stored in.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The write of an owner's record: first-write when it has none yet, else guarded by the ETag read.</summary>
    public static StateTransactionRequest GuardedWrite(DaprClient dapr, string key, object value, string etag) =>
        string.IsNullOrEmpty(etag)
            ? new(key, dapr.Serialize(value), StateOperationType.Upsert, options: new StateOptions { Concurrency = ConcurrencyMode.FirstWrite })
            : new(key, dapr.Serialize(value), StateOperationType.Upsert, etag);

    /// <summary>Runs the transaction; false (after a short jittered pause) when it failed, for the caller to retry.</summary>
    public static async Task<bool> TryTransactAsync(DaprClient dapr, IReadOnlyList<StateTransactionRequest> operations, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(Todo.Contracts.DaprNames.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException ex)
        {
            // An ETag conflict and an outage look alike here; the caller retries a few times either way.
            logger.LogDebug(ex, "State transaction failed; retrying");
            await Task.Delay(Random.Shared.Next(5, 40), cancellationToken);
            return false;
        }
    }
}
