using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Tests.Components;

internal static class LoadKit
{
    /// <summary>Starts an emulator on the files and expects start-up to fail; returns the error.</summary>
    public static async Task<ComponentLoadException> FailureAsync(params (string File, string Yaml)[] files)
    {
        using var resources = new TempResources();
        foreach (var (file, yaml) in files)
        {
            resources.Write(file, yaml.Replace("{dir}", resources.Directory, StringComparison.Ordinal));
        }

        return await Assert.ThrowsAsync<ComponentLoadException>(async () =>
        {
            await using var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
            {
                ResourcesPaths = [resources.Directory],
                WorkingDirectory = resources.Directory,
                Apps = [new SidecarOptions { AppId = "app-a" }],
            });
        });
    }

    public static string Component(string name, string type, string metadata = "", string extra = "", string version = "v1") => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: {type}
          version: {version}
          metadata:
        {Indent(metadata, "  ")}
        {extra}
        """;

    private static string Indent(string text, string prefix) =>
        string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : prefix + line));
}
