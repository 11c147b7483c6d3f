using System.Security.Cryptography;
using System.Text;

namespace Todo.Backend.Infrastructure;

/// <summary>Ids are 32 lower-case hex characters: safe in state keys, job names (DNS-1123) and URLs.</summary>
internal static class Ids
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>A stable id derived from a seed, for idempotent creation (same seed, same id).</summary>
    public static string Derived(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32];

    public static bool IsValid(string? id) =>
        id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
