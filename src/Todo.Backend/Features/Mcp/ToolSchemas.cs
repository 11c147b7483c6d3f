using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// Corrections to the JSON schemas the SDK infers for the tools, so that a strict client (the MCP Inspector validates
/// structuredContent against outputSchema with formats asserted) accepts exactly what the server sends.
/// </summary>
internal static class ToolSchemas
{
    /// <summary>
    /// System.Text.Json writes <see cref="TimeOnly"/> as <c>HH:mm:ss[.fffffff]</c> and the schema exporter labels it
    /// <c>format: time</c>. JSON Schema's <c>time</c> is RFC 3339 <c>full-time</c>, which requires an offset, so
    /// every due time ("09:30:00") failed validation. The value is right and the label wrong: a due time is a
    /// wall-clock time in the owner's zone and has no offset by design (the instant is in <c>dueAt</c>). The REST API
    /// sends the same TimeOnly, so the wire format stays; the schema says what it is with a pattern instead.
    /// </summary>
    public const string LocalTimePattern = @"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,7})?$";

    public static readonly AIJsonSchemaCreateOptions Options = new() { TransformSchemaNode = Transform };

    private static JsonNode Transform(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (type == typeof(TimeOnly) && schema is JsonObject node && node["format"]?.GetValue<string>() == "time")
        {
            node.Remove("format");
            node["pattern"] = LocalTimePattern;
            node["description"] ??= "Local time of day HH:mm:ss in the user's time zone, without an offset.";
        }

        return schema;
    }
}
