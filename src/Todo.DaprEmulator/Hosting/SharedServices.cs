using Microsoft.Extensions.DependencyInjection;

namespace Todo.DaprEmulator.Hosting;

/// <summary>
/// The emulator-wide services (components, scheduler, pub/sub router) live in one root container; each sidecar's
/// server container forwards to the very same instances, so all sidecars share one state store, one broker and one
/// scheduler.
/// </summary>
internal static class SharedServices
{
    public static void AddTo(IServiceCollection sidecarServices, IServiceProvider root)
    {
        var rootServices = root.GetRequiredService<RootServiceCollection>();
        foreach (var serviceType in rootServices.Services
                     .Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.ServiceType.IsGenericTypeDefinition)
                     .Select(d => d.ServiceType)
                     .Distinct())
        {
            if (serviceType == typeof(RootServiceCollection) || serviceType == typeof(Microsoft.Extensions.Logging.ILoggerFactory))
            {
                continue;
            }

            // Registered as an instance, not a factory: a container never disposes instances it was handed, so
            // stopping one sidecar cannot dispose what the other sidecars still share.
            sidecarServices.AddSingleton(serviceType, root.GetRequiredService(serviceType));
        }
    }
}

/// <summary>Remembers what the root container holds so sidecar containers can forward to it.</summary>
internal sealed record RootServiceCollection(IServiceCollection Services);
