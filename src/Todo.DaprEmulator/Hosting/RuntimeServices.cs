using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Jobs;
using Todo.DaprEmulator.PubSub;

namespace Todo.DaprEmulator.Hosting;

/// <summary>Registers the emulator-wide runtime services of each building block in the root container.</summary>
internal static class RuntimeServices
{
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services) => services
        .AddPubSubRuntime()
        .AddJobsRuntime();
}
