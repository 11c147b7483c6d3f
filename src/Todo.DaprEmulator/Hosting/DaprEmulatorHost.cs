using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.Hosting;

/// <summary>
/// The emulator: loads the component YAML once, then hosts one sidecar per app id, all sharing the same component
/// instances, pub/sub router and job scheduler. Start it, point each app at its sidecar's endpoints, dispose to stop.
/// </summary>
public sealed class DaprEmulatorHost : IAsyncDisposable
{
    /// <summary>
    /// The ActivitySource of the sidecars' own spans (one per pub/sub delivery, as daprd's): add it to a tracer in the
    /// same process to record them; without a listener none are made.
    /// </summary>
    public const string ActivitySourceName = "Todo.DaprEmulator";

    private readonly ServiceProvider _root;
    private readonly List<IRuntimeService> _runtimeServices;
    private readonly ILogger _logger;

    private DaprEmulatorHost(ServiceProvider root)
    {
        _root = root;
        _runtimeServices = root.GetServices<IRuntimeService>().ToList();
        _logger = root.GetRequiredService<ILoggerFactory>().CreateLogger<DaprEmulatorHost>();
    }

    public SidecarRegistry Sidecars => _root.GetRequiredService<SidecarRegistry>();

    public ComponentRegistry Components => _root.GetRequiredService<ComponentRegistry>();

    /// <summary>The root container of shared services (for tests and tools that need the scheduler or the router).</summary>
    public IServiceProvider Services => _root;

    /// <summary>The (first) sidecar of <paramref name="appId"/>.</summary>
    public Sidecar this[string appId] => Sidecars.Instances(appId).FirstOrDefault() ?? throw new KeyNotFoundException($"no sidecar for app id '{appId}'");

    /// <summary>The sidecar of one replica of <paramref name="appId"/>.</summary>
    public Sidecar this[string appId, string podName] =>
        Sidecars.Instances(appId).FirstOrDefault(s => s.Options.PodName == podName)
        ?? throw new KeyNotFoundException($"no sidecar for app id '{appId}' in pod '{podName}'");

    public static async Task<DaprEmulatorHost> StartAsync(
        EmulatorOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        // Replicas of one app id are fine, as long as each has its own pod name.
        var duplicate = options.Apps.GroupBy(a => (a.AppId, a.PodName)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(
                $"app id '{duplicate.Key.AppId}' is listed twice{(duplicate.Key.PodName is null ? "" : $" for pod '{duplicate.Key.PodName}'")}; " +
                "replicas of one app id need distinct pod names", nameof(options));
        }

        var resources = ResourceLoader.LoadDirectories(options.ResourcesPaths);
        var configurations = Configuration.ConfigurationRegistry.Build(resources.Configurations, options.Apps);
        var registry = await ComponentRegistry.LoadAsync(resources, options.WorkingDirectory, loggerFactory, timeProvider, cancellationToken, options);

        var services = new ServiceCollection();
        services.AddSingleton(options);
        services.AddSingleton(loggerFactory);
        services.AddSingleton(timeProvider);
        services.AddSingleton(registry);
        services.AddSingleton(configurations);
        services.AddSingleton(new Resiliency.ResiliencyRegistry(resources.Resiliencies, timeProvider, loggerFactory));
        services.AddSingleton<SidecarRegistry>();
        services.AddSingleton(new RootServiceCollection(services));
        services.AddBuildingBlocks();
        var host = new DaprEmulatorHost(services.BuildServiceProvider());
        try
        {
            foreach (var app in options.Apps)
            {
                var sidecar = new Sidecar(app, options, host._root);
                host.Sidecars.Add(sidecar);
                await sidecar.StartAsync(cancellationToken);
            }

            foreach (var service in host._runtimeServices)
            {
                await service.StartAsync(cancellationToken);
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_runtimeServices))
        {
            try
            {
                await service.StopAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Stopping {Service} failed", service.GetType().Name);
            }
        }

        foreach (var sidecar in Sidecars.All)
        {
            await sidecar.DisposeAsync();
        }

        await Components.DisposeAsync();
        await _root.DisposeAsync();
    }
}
