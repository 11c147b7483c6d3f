using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.PubSub;

internal static class PubSubServiceCollectionExtensions
{
    /// <summary>The shared publish path and the subscription runtime (one for all sidecars).</summary>
    public static IServiceCollection AddPubSubRuntime(this IServiceCollection services)
    {
        services.AddSingleton<PubSubPublisher>();
        services.AddSingleton<BulkPublisher>();
        services.AddSingleton<PubSubRuntime>();
        services.AddSingleton<IRuntimeService>(sp => sp.GetRequiredService<PubSubRuntime>());
        return services;
    }
}
