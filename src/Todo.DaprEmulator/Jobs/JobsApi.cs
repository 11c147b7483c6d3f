using Microsoft.AspNetCore.Routing;

namespace Todo.DaprEmulator.Jobs;

internal static class JobsApi
{
    // Placeholder until the building block lands.
    public static void MapJobsApi(this IEndpointRouteBuilder app)
    {
    }
}
