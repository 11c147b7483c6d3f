using Microsoft.AspNetCore.Routing;

namespace Todo.DaprEmulator.PubSub;

internal static class PubSubApi
{
    // Placeholder until the building block lands.
    public static void MapPubSubApi(this IEndpointRouteBuilder app)
    {
    }
}
