namespace Todo.DaprEmulator.Secrets;

/// <summary>A secret store component (secretstores.*).</summary>
public interface ISecretStore
{
    /// <summary>One secret as a map of key → value, or null when it does not exist.</summary>
    Task<IReadOnlyDictionary<string, string>?> GetSecretAsync(string name, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Every secret: secret name → (key → value).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetBulkSecretAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);
}
