using System.Text.Json;
using Dapr.Client;

namespace Todo.Backend.Infrastructure;

internal static class DaprClientSerialization
{
    /// <summary>Bytes for a state transaction, serialised exactly as the DaprClient serialises saved state.</summary>
    public static byte[] Serialize<T>(this DaprClient dapr, T value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, dapr.JsonSerializerOptions);
}
