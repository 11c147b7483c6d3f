using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.Contracts;

/// <summary>
/// The one JSON shape of Todo: camelCase, enums as camelCase strings, nulls omitted. The API, the state store
/// (through the DaprClient), events and the web's client all use it, so what is stored and what is sent read alike.
/// </summary>
public static class TodoJson
{
    /// <summary>Shared, read-only options.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies Todo's settings to existing options (e.g. ASP.NET Core's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
