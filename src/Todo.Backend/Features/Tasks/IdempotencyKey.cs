using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// A client's idempotency key for one create (REST <c>Idempotency-Key</c>, MCP <c>idempotencyKey</c>), as the
/// IETF httpapi draft "The Idempotency-Key HTTP Header Field" means it: the same key with the same request gets the
/// first answer again, the same key with another request is refused (422), and the key is remembered for
/// <see cref="Lifetime"/>. Keys are per user: the stored record's key holds the user id and a hash of the key.
/// </summary>
internal sealed record IdempotencyKey(string KeyHash, string RequestHash)
{
    public const int MaxLength = 255;

    /// <summary>How long a key is remembered: the state TTL of its record (<c>ttlInSeconds</c>).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// The key for <paramref name="request"/>; the request is hashed as the service will read it (its JSON with our
    /// options), so spacing or property order of the body does not make two equal requests different.
    /// </summary>
    public static ServiceResult<IdempotencyKey?> From(string? key, CreateTaskRequest request)
    {
        if (key is null)
        {
            return (IdempotencyKey?)null;
        }

        // The draft's header value is a structured-field string ("…"); a bare token is accepted too.
        var trimmed = key.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"')
        {
            trimmed = trimmed[1..^1];
        }

        if (trimmed.Length is 0 or > MaxLength)
        {
            return ServiceError.Invalid("Idempotency-Key", $"An idempotency key has 1 to {MaxLength} characters.");
        }

        return new IdempotencyKey(Hash(Encoding.UTF8.GetBytes(trimmed)), Hash(JsonSerializer.SerializeToUtf8Bytes(request, TodoJson.Options)));
    }

    /// <summary>The key of the n-th item of a batch sent under one key (MCP add_tasks).</summary>
    public static ServiceResult<IdempotencyKey?> ForItem(string? key, int item, CreateTaskRequest request) =>
        key is null ? (IdempotencyKey?)null : From($"{key.Trim().Trim('"')}#{item}", request);

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>
/// What a create under an idempotency key answered (key <c>idem-{userId}-{key hash}</c>, written in the create's own
/// transaction and expiring after <see cref="IdempotencyKey.Lifetime"/>).
/// </summary>
internal sealed record IdempotencyRecord(string RequestHash, TaskDto Response);
