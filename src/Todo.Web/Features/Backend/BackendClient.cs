using System.Net.Http.Json;
using Todo.Contracts.Diagnostics;

namespace Todo.Web.Features.Backend;

/// <summary>
/// todo-backend as the web sees it. Every call goes through Dapr service invocation: the HttpClient comes from
/// <c>DaprClient.CreateInvokableHttpClient</c>, so <c>http://todo-backend/api/...</c> becomes
/// <c>{sidecar}/v1.0/invoke/todo-backend/method/api/...</c>.
/// </summary>
public sealed class BackendClient(HttpClient http)
{
    public async Task<HelloResponse> GetHelloAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<HelloResponse>("api/hello", cancellationToken)
        ?? throw new InvalidOperationException("todo-backend answered /api/hello with an empty body");

    public async Task<PingSent> PingAsync(string? message, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/ping", new { message }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PingSent>(cancellationToken)
            ?? throw new InvalidOperationException("todo-backend answered /api/ping with an empty body");
    }
}
