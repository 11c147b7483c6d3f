using Microsoft.AspNetCore.Routing;

namespace Todo.DaprEmulator.State;

internal static class StateApi
{
    // Placeholder until the building block lands.
    public static void MapStateApi(this IEndpointRouteBuilder app)
    {
    }
}
