using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.DaprEmulator;

/// <summary>JSON settings of the HTTP API: camelCase, nulls omitted, as daprd's Go encoder with omitempty.</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
