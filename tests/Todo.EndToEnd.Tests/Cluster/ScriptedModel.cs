using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Todo.EndToEnd.Tests.Cluster;

/// <summary>
/// The one outside service of the cluster, an OpenAI-compatible chat endpoint, on loopback: its first answer calls the
/// tool <c>list_tasks</c>, its second repeats what the tool returned. Every request is recorded (<see cref="TestApp"/>),
/// so a test sees which key the backend sent.
/// </summary>
internal sealed class ScriptedModel : IAsyncDisposable
{
    private readonly TestApp _app;

    private ScriptedModel(TestApp app) => _app = app;

    /// <summary>The base address the OpenAI client is given (it appends <c>/chat/completions</c>).</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{_app.Port}/v1");

    public IReadOnlyList<string> Authorizations =>
        _app.Requests.Select(r => r.Headers.TryGetValue("Authorization", out var value) ? value : "").ToList();

    public static async Task<ScriptedModel> StartAsync() =>
        new(await TestApp.StartAsync(app => app.MapPost("/v1/chat/completions", AnswerAsync)));

    private static async Task<IResult> AnswerAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var toolResult = body.RootElement.GetProperty("messages").EnumerateArray()
            .LastOrDefault(m => m.GetProperty("role").GetString() == "tool");
        var first = toolResult.ValueKind == JsonValueKind.Undefined;
        object message = first
            ? new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = "list_tasks", arguments = "{}" } } } }
            : new { role = "assistant", content = "The list says: " + toolResult.GetProperty("content").ToString() };
        return Results.Json(new
        {
            id = "chatcmpl-rehearsal",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "rehearsal-model",
            choices = new[] { new { index = 0, message, finish_reason = first ? "tool_calls" : "stop" } },
            usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
