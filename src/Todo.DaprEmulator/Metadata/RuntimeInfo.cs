namespace Todo.DaprEmulator.Metadata;

internal static class RuntimeInfo
{
    /// <summary>The daprd version whose behaviour this emulator follows (see docs/dapr-contract in shared docs).</summary>
    public const string Version = "1.18.3-todo-emulator";
}
