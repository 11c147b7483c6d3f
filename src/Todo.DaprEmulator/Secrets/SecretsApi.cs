using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Secrets;

internal static class SecretsApi
{
    public static void MapSecretsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1.0/secrets/{store}/bulk", async (string store, HttpRequest request, Sidecar sidecar, ComponentRegistry registry, CancellationToken ct) =>
        {
            var secretStore = SecretStoreResolver.Resolve(registry, sidecar.AppId, store);
            var secrets = await SecretStoreResolver.CallAsync(store, "bulk", () => secretStore.GetBulkSecretAsync(QueryMetadata.From(request), ct));
            return Results.Json(secrets, EmulatorJson.Options);
        });
        app.MapGet("/v1.0/secrets/{store}/{key}", async (string store, string key, HttpRequest request, Sidecar sidecar, ComponentRegistry registry, CancellationToken ct) =>
        {
            var secretStore = SecretStoreResolver.Resolve(registry, sidecar.AppId, store);
            var secret = await SecretStoreResolver.CallAsync(store, key, async () =>
                await secretStore.GetSecretAsync(key, QueryMetadata.From(request), ct)
                ?? throw new KeyNotFoundException($"secret {key} not found"));
            return Results.Json(secret, EmulatorJson.Options);
        });
    }
}
