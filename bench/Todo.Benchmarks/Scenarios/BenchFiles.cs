using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Todo.Contracts.Accounts;

namespace Todo.Benchmarks.Scenarios;

/// <summary>Files the scenarios that host todo-backend share: the repository's own files and the stores' components.</summary>
internal static class BenchFiles
{
    /// <summary>A path inside the repository (found from the build output upwards: <c>dotnet run</c> defeats the factory's guess).</summary>
    public static string RepositoryPath(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Todo.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine([directory?.FullName ?? throw new InvalidOperationException("run the benchmark inside the repository"), .. parts]);
    }

    /// <summary>
    /// <c>stores.yaml</c>: a SQLite state store and a local-file secret store holding the user-token signing key, in
    /// place of PostgreSQL and Kubernetes secrets.
    /// </summary>
    public static void WriteStores(string folder, SymmetricSecurityKey key)
    {
        File.WriteAllText(Path.Combine(folder, "stores.yaml"), """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.sqlite
              version: v1
              metadata:
              - name: connectionString
                value: bench.db
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: secretstore
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
              - name: secretsFile
                value: secrets.json
            """);
        WriteSigningKeySecret(folder, key);
    }

    /// <summary><c>secrets.json</c> for a local-file secret store: the user-token signing key both apps read at start-up.</summary>
    public static void WriteSigningKeySecret(string folder, SymmetricSecurityKey key) =>
        File.WriteAllText(Path.Combine(folder, "secrets.json"),
            JsonSerializer.Serialize(new Dictionary<string, string> { [UserTokenDefaults.SigningKeySecretName] = Convert.ToBase64String(key.Key) }));
}
