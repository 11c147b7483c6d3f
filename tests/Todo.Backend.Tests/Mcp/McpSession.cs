using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Tests.Mcp;

/// <summary>A new user with a personal access token and the official C# MCP client connected to the backend's /mcp.</summary>
internal sealed class McpSession : IAsyncDisposable
{
    private McpSession(UserProfile user, HttpClient rest, string token, McpClient client)
    {
        User = user;
        Rest = rest;
        Token = token;
        Client = client;
    }

    public UserProfile User { get; }

    public HttpClient Rest { get; }

    public string Token { get; }

    public McpClient Client { get; }

    public static async Task<McpSession> StartAsync(BackendFixture backend, string timeZone = "UTC")
    {
        var (user, rest) = await backend.NewUserAsync(timeZone);
        var token = await CreateTokenAsync(rest);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(backend.BackendAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
        var client = await McpClient.CreateAsync(transport);
        return new McpSession(user, rest, token, client);
    }

    public static async Task<string> CreateTokenAsync(HttpClient rest)
    {
        using var response = await rest.PostAsJsonAsync("api/tokens", new CreateAccessTokenRequest("mcp test"), TodoJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync<CreatedAccessToken>()).Token;
    }

    public async Task<CallToolResult> CallAsync(string tool, object arguments)
    {
        var json = JsonSerializer.SerializeToElement(arguments, TodoJson.Options);
        var dictionary = json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        return await Client.CallToolAsync(tool, dictionary);
    }

    /// <summary>Calls a tool that must succeed and returns its structured content.</summary>
    public async Task<JsonElement> CallOkAsync(string tool, object arguments)
    {
        var result = await CallAsync(tool, arguments);
        Assert.True(result.IsError != true, $"{tool} failed: {Text(result)}");
        Assert.NotNull(result.StructuredContent);
        Assert.False(string.IsNullOrWhiteSpace(Text(result)));
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }

    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Rest.Dispose();
    }
}
