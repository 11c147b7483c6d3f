using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.Mcp;

/// <summary>
/// Raw JSON-RPC to /mcp with a valid token, the way a hand-written or buggy client sends it: never a 5xx, and a
/// request whose params cannot be read is a JSON-RPC error that names the field (-32602), not -32603 "An error occurred.".
/// </summary>
public sealed class McpProtocolErrorTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_task","arguments":5}}""", "params.arguments must be an object")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_task","arguments":[]}}""", "params.arguments must be an object")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":5}}""", "params.name must be a string")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"arguments":{}}}""", "params.name is missing")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":"x"}""", "params must be an object")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call"}""", "params is missing")]
    public async Task UnreadableToolCallParamsAreInvalidParamsNamingTheField(string body, string message)
    {
        var (status, response) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        var error = response.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString());
        Assert.Contains("e.g.", error.GetProperty("message").GetString());
        Assert.Equal(7, response.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"no/such/method"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_task","arguments":{"id":1e308}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_tasks","arguments":{"limit":-1e400}}}""")]
    // Duplicate property names (found by the fuzz suite: a 500 from the pre-check's JsonObject).
    [InlineData("""{"jsonrpc":"2.0","_":1,"id":201,"method":"prompts/get","_":2,"params":null}""")]
    public async Task MalformedRequestsGetAJsonRpcErrorOrToolErrorWithAMessageNeverA5xx(string body)
    {
        var (status, response) = await PostAsync(body);

        Assert.True((int)status < 500, $"{(int)status} for {body}");
        var message = response.TryGetProperty("error", out var error)
            ? error.GetProperty("message").GetString()
            : string.Join(" ", response.GetProperty("result").GetProperty("content").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.NotEqual("An error occurred.", message);
    }

    private async Task<(HttpStatusCode Status, JsonElement Response)> PostAsync(string body)
    {
        var (_, rest) = await backend.NewUserAsync();
        var token = await McpSession.CreateTokenAsync(rest);
        using var http = new HttpClient { BaseAddress = backend.BackendAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // Stateless Streamable HTTP answers a request as one SSE event ("data: {...}") or as plain JSON.
        var json = text.Split('\n').FirstOrDefault(l => l.StartsWith("data: ", StringComparison.Ordinal))?["data: ".Length..] ?? text;
        return (response.StatusCode, JsonDocument.Parse(json).RootElement.Clone());
    }
}
