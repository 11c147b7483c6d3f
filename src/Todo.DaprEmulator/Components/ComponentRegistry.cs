using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Secrets;

namespace Todo.DaprEmulator.Components;

/// <summary>
/// The live components shared by every sidecar of the emulator. Lookups are per app id so that component
/// <c>scopes</c> behave as in daprd: a component scoped away from an app does not exist for that app.
/// </summary>
public sealed class ComponentRegistry : IAsyncDisposable
{
    private readonly List<LoadedComponent> _components;

    private ComponentRegistry(List<LoadedComponent> components, IReadOnlyList<SubscriptionDefinition> subscriptions)
    {
        _components = components;
        Subscriptions = subscriptions;
    }

    public IReadOnlyList<LoadedComponent> All => _components;

    /// <summary>Declarative subscriptions read from the resources folders.</summary>
    public IReadOnlyList<SubscriptionDefinition> Subscriptions { get; }

    /// <summary>Loads and initialises every component; throws <see cref="ComponentLoadException"/> on any problem.</summary>
    public static async Task<ComponentRegistry> LoadAsync(
        LoadedResources resources,
        string workingDirectory,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        CancellationToken cancellationToken,
        Hosting.EmulatorOptions? emulatorOptions = null)
    {
        var logger = loggerFactory.CreateLogger<ComponentRegistry>();
        var loaded = new List<LoadedComponent>();
        try
        {
            // Secret stores first: other components may reference them through auth.secretStore.
            var ordered = resources.Components.OrderBy(c => c.Category == "secretstores" ? 0 : 1).ToList();
            var builtin = KubernetesSecrets.BuiltinStore(resources, emulatorOptions);
            if (builtin is not null)
            {
                ordered.Insert(0, builtin);
            }

            foreach (var definition in ordered)
            {
                // daprd creates the component from its registry inside init, so an unknown type or version is an init
                // error like any other: ignoreErrors lets start-up go on without the component.
                var unsupported = !ComponentCatalog.Factories.TryGetValue(definition.Type, out var factory)
                    ? $"unknown component type; supported types are {string.Join(", ", ComponentCatalog.Factories.Keys.Order())}"
                    : definition.Version != "v1" ? $"version '{definition.Version}' is not supported (only v1)" : null;
                if (unsupported is not null)
                {
                    if (!definition.IgnoreErrors)
                    {
                        throw ComponentLoadException.For(definition, unsupported);
                    }

                    logger.LogWarning("Component {Name} ({Type}/{Version}) from {File} is ignored (ignoreErrors): {Problem}",
                        definition.Name, definition.Type, definition.Version, definition.SourceFile, unsupported);
                    continue;
                }

                var metadata = await ResolveMetadataAsync(definition, loaded, builtin?.Name, logger, cancellationToken);
                var context = new ComponentInitContext(definition, metadata, workingDirectory, loggerFactory, timeProvider)
                {
                    Namespace = emulatorOptions?.Namespace,
                    DaprVersion = emulatorOptions?.DaprVersion ?? Hosting.DaprVersion.Default,
                    KubernetesSecretsFile = emulatorOptions?.KubernetesSecretsFile,
                    PodNamesGiven = emulatorOptions?.Apps.Any(app => app.PodName is not null) == true,
                };
                object instance;
                try
                {
                    instance = await factory!(context, cancellationToken);
                }
                catch (ComponentLoadException)
                {
                    throw;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (definition.IgnoreErrors)
                    {
                        logger.LogWarning(ex, "Component {Name} ({Type}) failed to initialise and is ignored (ignoreErrors)", definition.Name, definition.Type);
                        continue;
                    }

                    throw ComponentLoadException.For(definition, $"initialisation failed: {ex.Message}");
                }

                loaded.Add(new LoadedComponent(definition, instance) { ResolvedMetadata = metadata });
                logger.LogInformation("Component loaded: {Name} ({Type}/{Version}) from {File}, scopes [{Scopes}]",
                    definition.Name, definition.Type, definition.Version, definition.SourceFile, string.Join(",", definition.Scopes));
            }
        }
        catch
        {
            await DisposeAllAsync(loaded);
            throw;
        }

        return new ComponentRegistry(loaded, resources.Subscriptions);
    }

    /// <summary>Finds a component by name as seen by <paramref name="appId"/>.</summary>
    public LoadedComponent? Find(string name, string appId) =>
        _components.FirstOrDefault(c => c.Definition.Name == name && c.Definition.IsVisibleTo(appId));

    /// <summary>Components of one category (state, pubsub, secretstores) visible to an app.</summary>
    public IEnumerable<LoadedComponent> OfCategory(string category, string appId) =>
        _components.Where(c => c.Definition.Category == category && c.Definition.IsVisibleTo(appId));

    public ValueTask DisposeAsync() => DisposeAllAsync(_components);

    private static async ValueTask DisposeAllAsync(IEnumerable<LoadedComponent> components)
    {
        foreach (var component in components)
        {
            switch (component.Instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static async Task<IReadOnlyDictionary<string, string>> ResolveMetadataAsync(
        ComponentDefinition definition, List<LoadedComponent> loaded, string? defaultSecretStore, ILogger logger, CancellationToken cancellationToken)
    {
        // In Kubernetes mode a secretKeyRef without auth.secretStore reads the built-in `kubernetes` store
        // (dapr/dapr pkg/runtime/processor/secret/secret.go, AuthSecretStoreOrDefault).
        var secretStoreName = string.IsNullOrEmpty(definition.AuthSecretStore) ? defaultSecretStore : definition.AuthSecretStore;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in definition.Metadata)
        {
            if (item.SecretKeyRef is { } secretRef)
            {
                if (string.IsNullOrEmpty(secretStoreName))
                {
                    // Self-hosted daprd has no default secret store: the reference stays unresolved, with a warning.
                    logger.LogWarning("{File}: component '{Name}': metadata '{Field}' uses secretKeyRef but no auth.secretStore is set; left empty",
                        definition.SourceFile, definition.Name, item.Name);
                    continue;
                }

                var store = loaded.FirstOrDefault(c => c.Definition.Name == secretStoreName)?.Instance as ISecretStore
                    ?? throw ComponentLoadException.For(definition, $"auth.secretStore '{secretStoreName}' is not a loaded secret store");
                IReadOnlyDictionary<string, string>? secret;
                try
                {
                    secret = await store.GetSecretAsync(secretRef.Name, new Dictionary<string, string>(), cancellationToken);
                }
                catch (InvalidOperationException ex)
                {
                    throw ComponentLoadException.For(definition, $"metadata '{item.Name}': secret '{secretRef.Name}' from secret store '{secretStoreName}': {ex.Message}");
                }

                var key = string.IsNullOrEmpty(secretRef.Key) ? secretRef.Name : secretRef.Key;
                if (secret is null || !secret.TryGetValue(key, out var value))
                {
                    throw ComponentLoadException.For(definition,
                        $"metadata '{item.Name}': secret '{secretRef.Name}' key '{key}' not found in secret store '{secretStoreName}'");
                }

                result[item.Name] = value;
            }
            else if (!string.IsNullOrEmpty(item.EnvRef))
            {
                if (item.EnvRef.StartsWith("DAPR_", StringComparison.OrdinalIgnoreCase) || item.EnvRef.Equals("APP_API_TOKEN", StringComparison.OrdinalIgnoreCase))
                {
                    throw ComponentLoadException.For(definition, $"metadata '{item.Name}': envRef '{item.EnvRef}' is not allowed");
                }

                result[item.Name] = Environment.GetEnvironmentVariable(item.EnvRef) ?? "";
            }
            else
            {
                result[item.Name] = item.Value ?? "";
            }
        }

        return result;
    }
}
