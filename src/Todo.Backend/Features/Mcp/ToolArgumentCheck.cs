using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// Checks a tools/call's arguments against the tool's own inputSchema before the SDK binds them. Without it a wrong
/// JSON type, a missing argument or a number that is no int (<c>{"id": true}</c>, <c>{"minutes": "daily"}</c>,
/// <c>1e308</c>) fails inside the binder and the SDK answers only "An error occurred invoking 'X'." The MCP spec
/// counts input validation errors as tool execution errors (<c>isError: true</c>) so the model can correct its call,
/// so each problem comes back that way, naming the argument, the expected type and an example.
/// Only the shape is checked here (types, required, unknown names, enums); value rules (lengths, ranges, dates) stay
/// in <see cref="ToolArguments"/> and the service layer, which already explain themselves.
/// </summary>
internal static class ToolArgumentCheck
{
    private const int MaxProblems = 5;

    /// <summary>Examples by argument or field name; what a model copies, so keep them valid.</summary>
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["id"] = "\"0123456789abcdef0123456789abcdef\"",
        ["title"] = "\"Call mom\"",
        ["notes"] = "\"Ask about Sunday\"",
        ["priority"] = "\"high\"",
        ["tags"] = "[\"work\",\"bills\"]",
        ["tags[]"] = "\"work\"",
        ["priority[]"] = "\"high\"",
        ["days[]"] = "\"monday\"",
        ["tasks[]"] = "{\"title\":\"Milk\"}",
        ["dueDate"] = "\"2026-03-14\"",
        ["dueTime"] = "\"17:30\"",
        ["remindAt"] = "\"2026-03-14T16:30:00Z\"",
        ["at"] = "\"2026-03-14T16:30:00Z\"",
        ["remindMinutesBefore"] = "15",
        ["minutesBefore"] = "15",
        ["minutes"] = "10",
        ["recurrence"] = "{\"frequency\":\"weekly\",\"days\":[\"monday\"]}",
        ["tasks"] = "[{\"title\":\"Milk\"},{\"title\":\"Call mom\",\"dueDate\":\"2026-03-14\",\"dueTime\":\"17:00\"}]",
        ["status"] = "\"open\"",
        ["query"] = "\"dentist\"",
        ["due"] = "\"today\"",
        ["sort"] = "\"due\"",
        ["order"] = "\"asc\"",
        ["limit"] = "20",
        ["cursor"] = "\"the nextCursor of the previous page\"",
        ["interval"] = "2",
        ["days"] = "[\"monday\",\"friday\"]",
        ["monthDay"] = "1",
        ["until"] = "\"2026-12-31\"",
        ["count"] = "10",
        ["frequency"] = "\"weekly\"",
        ["before"] = "\"0123456789abcdef0123456789abcdef\"",
        ["first"] = "true",
        ["assignee"] = "\"bob\"",
    };

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
            request.MatchedPrimitive is McpServerTool tool && Check(tool.ProtocolTool, request.Params?.Arguments) is { } problem
                ? ToolResults.Error(problem)
                : await next(request, cancellationToken);

    /// <summary>A message naming every problem (up to five) with the arguments, or null when their shape is right.</summary>
    public static string? Check(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        var problems = new List<string>();
        CheckObject(tool.InputSchema, arguments?.ToList() ?? [], "", $"{tool.Name}", problems);
        return problems.Count == 0 ? null : string.Join(" ", problems.Take(MaxProblems));
    }

    private static void CheckObject(JsonElement schema, IReadOnlyList<KeyValuePair<string, JsonElement>> members, string path, string owner, List<string> problems)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal)
            : [];
        var names = string.Join(", ", properties.Keys);
        foreach (var (name, value) in members)
        {
            if (properties.TryGetValue(name, out var property))
            {
                CheckValue(property, value, path + name, problems);
            }
            else
            {
                problems.Add(path.Length == 0
                    ? $"'{name}' is not an argument of {owner}; its arguments are {names}."
                    : $"'{path}{name}' is not a field of {owner}; its fields are {names}.");
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!members.Any(m => m.Key == name) && properties.TryGetValue(name, out var property))
                {
                    problems.Add($"Argument '{path}{name}' is missing; it is required: {Expected(property)}, e.g. {Example(property, name)}.");
                }
            }
        }
    }

    private static void CheckValue(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        var types = Types(schema);
        if (types.Count > 0 && !types.Any(t => Matches(t, value)))
        {
            problems.Add($"Argument '{path}' must be {Expected(schema)}, e.g. {Example(schema, LastName(path))}; got {Describe(value, types)}.");
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String when schema.TryGetProperty("enum", out var allowed):
                // The binder reads enum names case-insensitively ("Monday"), so this check does too.
                if (!allowed.EnumerateArray().Any(a => string.Equals(a.GetString(), value.GetString(), StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"Argument '{path}' must be {Expected(schema)}, e.g. {Example(schema, LastName(path))}; got {Describe(value, [])}.");
                }

                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckValue(items, item, $"{path}[{index++}]", problems);
                }

                break;
            case JsonValueKind.Object when schema.TryGetProperty("properties", out _):
                CheckObject(schema, [.. value.EnumerateObject().Select(m => KeyValuePair.Create(m.Name, m.Value))], path + ".", path, problems);
                break;
        }
    }

    private static List<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    /// <summary>"integer" means what the tools bind: an <see cref="int"/>, so 1.5, 1e308 or 15.0 do not pass.</summary>
    private static bool Matches(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Expected(JsonElement schema)
    {
        var types = Types(schema).Where(t => t != "null").ToList();
        return string.Join(" or ", types.Select(t => t switch
        {
            "string" when schema.TryGetProperty("enum", out var e) => "one of " + string.Join(", ", e.EnumerateArray().Select(v => $"\"{v.GetString()}\"")),
            "string" => "a string",
            "integer" => "a whole number" + Range(schema),
            "number" => "a number",
            "boolean" => "true or false",
            "array" when schema.TryGetProperty("items", out var items) => "an array whose items are each " + Expected(items),
            "array" => "an array",
            "object" => "an object",
            _ => t,
        }));
    }

    private static string Range(JsonElement schema)
    {
        var min = schema.TryGetProperty("minimum", out var a) ? a.GetRawText() : null;
        var max = schema.TryGetProperty("maximum", out var b) ? b.GetRawText() : null;
        return (min, max) switch
        {
            ({ } lo, { } hi) => $" from {lo} to {hi}",
            ({ } lo, null) => $" of at least {lo}",
            (null, { } hi) => $" up to {hi}",
            _ => "",
        };
    }

    /// <summary>The table's example when it has the schema's type (list_tasks' priority is an array), else one built from the schema.</summary>
    private static string Example(JsonElement schema, string name)
    {
        var types = Types(schema);
        if (Examples.TryGetValue(name, out var example))
        {
            using var parsed = JsonDocument.Parse(example);
            if (types.Count == 0 || types.Any(t => Matches(t, parsed.RootElement)))
            {
                return example;
            }
        }

        if (schema.TryGetProperty("enum", out var e))
        {
            return $"\"{e[0].GetString()}\"";
        }

        return types.FirstOrDefault(t => t != "null") switch
        {
            "integer" => schema.TryGetProperty("minimum", out var min) ? min.GetRawText() : "1",
            "number" => "1.5",
            "boolean" => "true",
            "string" => "\"text\"",
            "array" => schema.TryGetProperty("items", out var items) ? $"[{Example(items, name + "[]")}]" : "[]",
            _ when schema.TryGetProperty("required", out var required) && schema.TryGetProperty("properties", out var properties) =>
                "{" + string.Join(",", required.EnumerateArray().Select(r => r.GetString()!)
                    .Where(r => properties.TryGetProperty(r, out _))
                    .Select(r => $"\"{r}\":{Example(properties.GetProperty(r), r)}")) + "}",
            _ => "{}",
        };
    }

    private static string LastName(string path)
    {
        var name = path.Contains('.') ? path[(path.LastIndexOf('.') + 1)..] : path;
        return name.Contains('[') ? name[..name.IndexOf('[')] + "[]" : name;
    }

    private static string Describe(JsonElement value, List<string> expected)
    {
        var raw = value.GetRawText();
        raw = raw.Length > 40 ? raw[..40] + "…" : raw;
        return value.ValueKind switch
        {
            JsonValueKind.Number when expected.Contains("integer") && !value.TryGetInt64(out _) => $"the number {raw} (whole numbers are written without a decimal point or exponent)",
            JsonValueKind.Number => $"the number {raw}",
            JsonValueKind.String => $"the string {raw}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {raw}",
            JsonValueKind.Array => $"an array {raw}",
            JsonValueKind.Object => $"an object {raw}",
            _ => raw,
        };
    }
}
