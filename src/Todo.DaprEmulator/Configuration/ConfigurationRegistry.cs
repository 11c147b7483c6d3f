using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Configuration;

/// <summary>
/// The Configuration resources of the resources folders, and the configuration each sidecar picked by
/// <see cref="SidecarOptions.ConfigName"/> (the <c>dapr.io/config</c> annotation). As in Kubernetes, a sidecar names
/// one Configuration of its namespace; naming one that does not exist stops start-up, as daprd does
/// ("error loading configuration", pkg/runtime/config.go).
/// </summary>
public sealed class ConfigurationRegistry
{
    private readonly Dictionary<string, SidecarConfiguration> _bySidecar;

    private ConfigurationRegistry(IReadOnlyList<ConfigurationResource> resources, Dictionary<string, SidecarConfiguration> bySidecar)
    {
        Resources = resources;
        _bySidecar = bySidecar;
    }

    public IReadOnlyList<ConfigurationResource> Resources { get; }

    /// <summary>The configuration of an app's sidecar (daprd's default when it names none).</summary>
    public SidecarConfiguration For(string appId) =>
        _bySidecar.TryGetValue(appId, out var configuration) ? configuration : SidecarConfiguration.Default;

    /// <summary>Resolves every sidecar's Configuration; throws <see cref="ComponentLoadException"/> where daprd would not start.</summary>
    public static ConfigurationRegistry Build(IReadOnlyList<ConfigurationResource> resources, IReadOnlyList<SidecarOptions> apps)
    {
        var duplicate = resources.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ComponentLoadException(
                $"Configuration name '{duplicate.Key}' is defined more than once: {string.Join(", ", duplicate.Select(c => c.SourceFile))}");
        }

        var bySidecar = new Dictionary<string, SidecarConfiguration>(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            if (string.IsNullOrEmpty(app.ConfigName))
            {
                continue;
            }

            if (apps.Any(other => other.AppId == app.AppId && other.ConfigName != app.ConfigName))
            {
                // Replicas of one app id come from one Deployment, so they carry one dapr.io/config annotation.
                throw new ComponentLoadException($"app '{app.AppId}': its replicas name different Configurations");
            }

            var resource = resources.FirstOrDefault(r => r.Name == app.ConfigName)
                ?? throw new ComponentLoadException(
                    $"app '{app.AppId}': error loading configuration: configuration {app.ConfigName} not found in the resources paths");
            try
            {
                bySidecar[app.AppId] = SidecarConfiguration.From(resource);
            }
            catch (InvalidOperationException ex)
            {
                throw new ComponentLoadException($"{resource.SourceFile}: app '{app.AppId}': error loading configuration {resource.Name}: {ex.Message}");
            }
        }

        return new ConfigurationRegistry(resources, bySidecar);
    }
}
