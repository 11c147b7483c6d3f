using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Todo.Testing.Fuzz;

/// <summary>Builds one fuzz request for a route from a seeded <see cref="FuzzValues"/>.</summary>
public static class FuzzRequests
{
    public static HttpRequestMessage Build(FuzzRoute route, FuzzContext context, FuzzValues values)
    {
        var path = route.Path
            .Replace("{task}", values.Segment(context.TaskIds), StringComparison.Ordinal)
            .Replace("{any}", values.Segment([]), StringComparison.Ordinal);
        if (route.Method == "GET" && values.Chance(0.6))
        {
            path += "?" + values.Query();
        }

        var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
        var antiforgery = Authorize(request, route, context, values);
        request.Content = route.Body switch
        {
            FuzzBody.None => values.Chance(0.1) ? Content(values.Body("{}"), values.ContentType("application/json")) : null,
            FuzzBody.Json => Content(values.Body(route.Seed?.Invoke(context) ?? "{}"), values.ContentType("application/json")),
            FuzzBody.JsonRpc => JsonRpc(request, context, values),
            FuzzBody.Event => Event(route, context, values),
            FuzzBody.Form => Form(route, context, values, antiforgery),
            _ => null,
        };
        if (route.Method is "PATCH" or "DELETE" || path.EndsWith("/complete", StringComparison.Ordinal) || path.EndsWith("/reopen", StringComparison.Ordinal))
        {
            if (values.Chance(0.2))
            {
                request.Headers.TryAddWithoutValidation("If-Match", values.IfMatch());
            }
        }

        return request;
    }

    /// <summary>Adds the route's credential (mostly right, sometimes wrong); true when a form should carry its token.</summary>
    private static bool Authorize(HttpRequestMessage request, FuzzRoute route, FuzzContext context, FuzzValues values)
    {
        switch (route.Auth)
        {
            case FuzzAuth.User or FuzzAuth.AccessToken:
                var token = route.Auth == FuzzAuth.User ? context.UserTokenFactory?.Invoke() ?? context.UserToken : context.AccessToken;
                request.Headers.TryAddWithoutValidation("Authorization", values.Chance(0.05) ? "Bearer " + values.HeaderText() : $"Bearer {token}");
                return false;
            case FuzzAuth.AppToken when context.AppToken is { } appToken:
                request.Headers.TryAddWithoutValidation("dapr-api-token", values.Chance(0.03) ? appToken + "x" : appToken);
                return false;
            case FuzzAuth.Antiforgery when context.Antiforgery is { } pair && values.Chance(0.7):
                request.Headers.TryAddWithoutValidation("Cookie", pair.Cookie);
                return true;
            default:
                return false;
        }
    }

    private static ByteArrayContent Content(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private static readonly string[] RpcMethods =
        ["tools/call", "tools/call", "tools/call", "tools/list", "initialize", "ping", "resources/list", "prompts/get", "nope/nope", "notifications/initialized"];

    private static ByteArrayContent JsonRpc(HttpRequestMessage request, FuzzContext context, FuzzValues values)
    {
        if (values.Chance(0.85))
        {
            request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        }

        var method = values.Pick(RpcMethods);
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = values.Chance(0.8) ? values.Next(1000) : values.Value(), ["method"] = method };
        message["params"] = method switch
        {
            "tools/call" => new JsonObject
            {
                ["name"] = context.ToolNames.Count > 0 && values.Chance(0.85) ? values.Pick(context.ToolNames) : values.Text(),
                ["arguments"] = Arguments(context, values),
            },
            "initialize" => JsonNode.Parse("""{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}"""),
            _ => values.Chance(0.5) ? null : values.Value(),
        };
        var text = values.Chance(0.75) ? message.ToJsonString() : Encoding.UTF8.GetString(values.Body(message.ToJsonString()));
        return Content(Encoding.UTF8.GetBytes(text), values.ContentType("application/json"));
    }

    private static JsonNode? Arguments(FuzzContext context, FuzzValues values)
    {
        string[] names = ["id", "title", "notes", "priority", "tags", "due", "dueDate", "dueTime", "reminder", "minutes", "query", "status", "recurrence", "text", "limit"];
        var arguments = new JsonObject();
        for (var i = values.Next(5); i > 0; i--)
        {
            var name = values.Pick(names);
            arguments[name] = name == "id" && context.TaskIds.Count > 0 && values.Chance(0.5) ? values.Pick(context.TaskIds) : values.Value();
        }

        return values.Chance(0.9) ? arguments : values.Value();
    }

    private static ByteArrayContent Event(FuzzRoute route, FuzzContext context, FuzzValues values)
    {
        var data = route.Seed?.Invoke(context) ?? "{}";
        if (values.Chance(0.5))
        {
            return Content(values.Body(data), values.ContentType("application/json"));
        }

        var mutated = values.Chance(0.8) ? values.MutateFields(data) : data;
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = values.Chance(0.8) ? "com.todo.task.completed" : values.Text(),
            ["source"] = "fuzz",
            ["datacontenttype"] = values.Chance(0.8) ? "application/json" : values.Text(),
            ["data"] = JsonNode.Parse(mutated),
        };
        if (values.Chance(0.1))
        {
            envelope["data_base64"] = values.Chance(0.5) ? Convert.ToBase64String(Encoding.UTF8.GetBytes(mutated)) : values.Text();
            if (values.Chance(0.5))
            {
                envelope.Remove("data");
            }
        }

        var text = envelope.ToJsonString();
        var body = values.Chance(0.8) ? Encoding.UTF8.GetBytes(text) : values.Body(text);
        return Content(body, values.ContentType("application/cloudevents+json"));
    }

    private static HttpContent Form(FuzzRoute route, FuzzContext context, FuzzValues values, bool withToken)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (JsonNode.Parse(route.Seed?.Invoke(context) ?? "{}") is JsonObject seed)
        {
            foreach (var (name, value) in seed)
            {
                if (values.Chance(0.1))
                {
                    continue;
                }

                fields.Add(new(name, values.Chance(0.5) ? value?.ToString() ?? "" : values.Text()));
            }
        }

        if (values.Chance(0.2))
        {
            fields.Add(new(values.Text() is { Length: > 0 and < 100 } extra ? extra : "extra", values.Text()));
        }

        if (withToken && context.Antiforgery is { } pair)
        {
            fields.Add(new("__RequestVerificationToken", values.Chance(0.95) ? pair.Token : values.Text()));
        }

        if (values.Chance(0.15))
        {
            // Not a form at all.
            return Content(values.Body("{}"), values.ContentType("application/json"));
        }

        var encoded = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(encoded));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (values.Chance(0.1))
        {
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", values.Pick(new[] { "text/plain", "multipart/form-data; boundary=zz", "application/x-www-form-urlencoded; charset=klingon" }));
        }

        return content;
    }
}
