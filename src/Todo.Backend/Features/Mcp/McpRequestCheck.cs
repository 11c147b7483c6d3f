using System.Text.Json;
using System.Text.Json.Nodes;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// Refuses a tools/call whose params cannot be read (<c>"params": "x"</c>, <c>"name": 5</c>, <c>"arguments": 5</c>)
/// with JSON-RPC -32602 Invalid params naming the field. The SDK fails such requests while deserialising the params,
/// before any filter runs, and answers -32603 "An error occurred.", which tells the client nothing. Everything
/// else (malformed JSON, batches, unknown methods, wrong argument values) stays with the SDK and the tool filter.
/// Runs inside the /mcp endpoint, so only after the access token has been accepted.
/// </summary>
internal static class McpRequestCheck
{
    public const int InvalidParams = -32602;

    public static RequestDelegate Wrap(RequestDelegate next) => async context =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasJsonContentType())
        {
            context.Request.EnableBuffering();
            var problem = await ProblemAsync(context.Request.Body, context.RequestAborted);
            context.Request.Body.Position = 0;
            if (problem is { } found)
            {
                // Streamable HTTP lets the server answer a request with a single application/json response.
                await context.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["jsonrpc"] = "2.0",
                    ["id"] = found.Id,
                    ["error"] = new JsonObject { ["code"] = InvalidParams, ["message"] = found.Message },
                }, context.RequestAborted);
                return;
            }
        }

        await next(context);
    };

    private static async Task<(JsonNode? Id, string Message)?> ProblemAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonNode? message;
        try
        {
            message = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken);
            return Problem(message);
        }
        catch (JsonException)
        {
            return null; // The SDK answers malformed JSON itself (-32600, with the parser's reason).
        }
        catch (ArgumentException)
        {
            // A duplicate property name (JsonObject refuses it when first read; the SDK's reader takes the last one):
            // nothing this check can say better than the SDK.
            return null;
        }
    }

    private static (JsonNode? Id, string Message)? Problem(JsonNode? message)
    {
        if (message is not JsonObject request || request["method"]?.GetValueKind() != JsonValueKind.String
            || request["method"]!.GetValue<string>() != "tools/call" || request["id"] is not JsonValue id)
        {
            return null;
        }

        var problem = request["params"] switch
        {
            null => "params is missing; tools/call needs params {\"name\": the tool's name, \"arguments\": an object}, e.g. {\"name\":\"list_tasks\",\"arguments\":{}}.",
            JsonObject p when p["name"] is null => "params.name is missing; send the tool's name from tools/list as a string, e.g. \"list_tasks\".",
            JsonObject p when p["name"]!.GetValueKind() != JsonValueKind.String =>
                $"params.name must be a string, the tool's name from tools/list, e.g. \"list_tasks\"; got {Short(p["name"])}.",
            JsonObject p when p["arguments"] is { } a && a.GetValueKind() != JsonValueKind.Object =>
                $"params.arguments must be an object of the tool's arguments, e.g. {{\"id\":\"0123456789abcdef0123456789abcdef\"}}; got {Short(a)}.",
            JsonObject => null,
            var other => $"params must be an object {{\"name\": ..., \"arguments\": {{...}}}}, e.g. {{\"name\":\"list_tasks\",\"arguments\":{{}}}}; got {Short(other)}.",
        };
        return problem is null ? null : (id.DeepClone(), problem);
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
