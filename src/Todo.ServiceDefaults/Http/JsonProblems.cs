using System.Text.Json;

namespace Todo.ServiceDefaults.Http;

/// <summary>
/// Says what is wrong with a JSON body in words a client can act on: which field has the wrong type, where the JSON
/// breaks, or that it nests too deeply. Type names of our code never appear (they mean nothing to a client).
/// </summary>
public static class JsonProblems
{
    /// <summary>The deepest nesting a body may have (System.Text.Json's default, stated so messages can name it).</summary>
    public const int MaxDepth = 64;

    public static string Describe(JsonException exception)
    {
        var field = exception.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : null;
        var message = exception.Message;
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The JSON nests deeper than {MaxDepth} levels.";
        }

        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return field is null ? "The body must be a JSON object." : $"'{field}' has the wrong type or format.";
        }

        if (field is not null && message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return $"'{field}' is missing required fields.";
        }

        var where = exception.LineNumber is { } line
            ? $" (line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}{(field is null ? "" : $", at '{field}'")})"
            : "";
        return $"The body is not valid JSON{where}.";
    }
}
