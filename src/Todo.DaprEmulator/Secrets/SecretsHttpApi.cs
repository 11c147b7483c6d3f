using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Secrets;

internal static class SecretsHttpApi
{
    public static void MapSecretsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1.0/secrets/{store}/bulk", async (string store, HttpRequest request, Sidecar sidecar, ComponentRegistry registry, CancellationToken ct) =>
        {
            var secretStore = SecretStoreResolver.Resolve(registry, sidecar, store);
            var secrets = await SecretStoreResolver.CallBulkAsync(store, () => secretStore.GetBulkSecretAsync(QueryMetadata.From(request), ct));
            // Go's encoding/json writes map keys sorted.
            return Results.Json(
                new SortedDictionary<string, SortedDictionary<string, string>>(
                    SecretStoreResolver.Filter(sidecar, store, secrets).ToDictionary(s => s.Key, s => new SortedDictionary<string, string>(s.Value.ToDictionary(), StringComparer.Ordinal)),
                    StringComparer.Ordinal),
                EmulatorJson.Options);
        });
        app.MapGet("/v1.0/secrets/{store}/{key}", async (string store, string key, HttpRequest request, Sidecar sidecar, ComponentRegistry registry, CancellationToken ct) =>
        {
            var secretStore = SecretStoreResolver.Resolve(registry, sidecar, store);
            SecretStoreResolver.EnsureAllowed(sidecar, store, key);
            var secret = await SecretStoreResolver.CallAsync(store, key, async () =>
                await secretStore.GetSecretAsync(key, QueryMetadata.From(request), ct)
                ?? throw new KeyNotFoundException($"secret {key} not found"));
            return Results.Json(new SortedDictionary<string, string>(secret.ToDictionary(), StringComparer.Ordinal), EmulatorJson.Options);
        });
    }
}
