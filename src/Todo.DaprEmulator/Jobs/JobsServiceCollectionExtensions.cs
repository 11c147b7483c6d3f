using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>One scheduler for the whole emulator, started with the other runtime services.</summary>
    public static IServiceCollection AddJobsRuntime(this IServiceCollection services)
    {
        services.AddSingleton<JobScheduler>();
        services.AddSingleton<IRuntimeService>(sp => sp.GetRequiredService<JobScheduler>());
        return services;
    }
}
