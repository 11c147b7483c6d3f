using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Metadata;

internal static class RuntimeInfo
{
    /// <summary>The daprd version a sidecar imitates, marked as the emulator's (metadata <c>runtimeVersion</c>).</summary>
    public static string VersionOf(Sidecar sidecar) => $"{sidecar.DaprVersion}-todo-emulator";
}
