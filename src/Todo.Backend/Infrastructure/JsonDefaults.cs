using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.Backend.Infrastructure;

/// <summary>
/// One JSON shape for the API, the state store and events: camelCase, enums as camelCase strings. The DaprClient
/// uses it too, so what the API returns and what is stored read the same.
/// </summary>
internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
