using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Secrets;

/// <summary>The Kubernetes-mode additions daprd makes for secrets.</summary>
internal static class KubernetesSecrets
{
    /// <summary>dapr/dapr pkg/components/secretstores/registry.go, BuiltinKubernetesSecretStore.</summary>
    public const string BuiltinStoreName = "kubernetes";

    /// <summary>
    /// In Kubernetes mode daprd always adds a <c>secretstores.kubernetes</c> component named <c>kubernetes</c>
    /// (pkg/runtime/runtime.go, appendBuiltinSecretStore). The emulator has Kubernetes Secrets when it was given a
    /// manifests file, and then does the same, unless the resources already define a component of that name.
    /// </summary>
    public static ComponentDefinition? BuiltinStore(LoadedResources resources, EmulatorOptions? options)
    {
        if (string.IsNullOrEmpty(options?.KubernetesSecretsFile) || resources.Components.Any(c => c.Name == BuiltinStoreName))
        {
            return null;
        }

        return new ComponentDefinition(BuiltinStoreName, "secretstores.kubernetes", "v1", [], null, [], false, "(built-in, Kubernetes mode)");
    }
}
