using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Metadata;

internal static class MetadataHttpApi
{
    public static void MapMetadataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1.0/metadata", (Sidecar sidecar, ComponentRegistry registry) =>
            Results.Json(MetadataSnapshot.ForHttp(sidecar, registry), EmulatorJson.Options));
        app.MapPut("/v1.0/metadata/{key}", async (string key, HttpRequest request, Sidecar sidecar) =>
        {
            using var reader = new StreamReader(request.Body);
            sidecar.ExtendedMetadata[key] = await reader.ReadToEndAsync();
            return Results.NoContent();
        });
    }
}
