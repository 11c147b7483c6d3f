using System.Collections;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.Secrets;

/// <summary>
/// <c>secretstores.local.env</c>: environment variables, optionally filtered by a prefix that is stripped from names.
/// A missing variable is <c>{name: ""}</c>, not an error, and <c>DAPR_*</c> / <c>APP_API_TOKEN</c> are never exposed.
/// </summary>
internal sealed class LocalEnvSecretStore(string prefix) : ISecretStore
{
    public static ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object>(new LocalEnvSecretStore(context.Get("prefix") ?? ""));

    public Task<IReadOnlyDictionary<string, string>?> GetSecretAsync(string name, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var variable = prefix + name;
        var value = IsHidden(variable) ? "" : Environment.GetEnvironmentVariable(variable) ?? "";
        return Task.FromResult<IReadOnlyDictionary<string, string>?>(new Dictionary<string, string> { [name] = value });
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetBulkSecretAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var variable = (string)entry.Key;
            if (IsHidden(variable) || !variable.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = variable[prefix.Length..];
            result[name] = new Dictionary<string, string> { [name] = (string?)entry.Value ?? "" };
        }

        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(result);
    }

    private static bool IsHidden(string variable) =>
        variable.StartsWith("DAPR_", StringComparison.OrdinalIgnoreCase) || variable.Equals("APP_API_TOKEN", StringComparison.OrdinalIgnoreCase);
}
