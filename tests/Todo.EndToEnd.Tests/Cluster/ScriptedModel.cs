using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Todo.EndToEnd.Tests.Cluster;

/// <summary>
/// The one outside service of the cluster, an OpenAI-compatible chat endpoint, on loopback: its first answer calls the
/// tool <c>list_tasks</c>, its second repeats what the tool returned. It records the Authorization header of every
/// request, so a test sees which key the backend sent.
/// </summary>
internal sealed class ScriptedModel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedModel(WebApplication app) => _app = app;

    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>The base address the OpenAI client is given (it appends <c>/chat/completions</c>).</summary>
    public Uri Endpoint => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/v1");

    public static async Task<ScriptedModel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var model = new ScriptedModel(builder.Build());
        model._app.MapPost("/v1/chat/completions", model.AnswerAsync);
        await model._app.StartAsync();
        return model;
    }

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        Authorizations.Enqueue(request.Headers.Authorization.ToString());
        using var body = await JsonDocument.ParseAsync(request.Body);
        var toolResult = body.RootElement.GetProperty("messages").EnumerateArray()
            .LastOrDefault(m => m.GetProperty("role").GetString() == "tool");
        object message = toolResult.ValueKind == JsonValueKind.Undefined
            ? new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = "list_tasks", arguments = "{}" } } } }
            : new { role = "assistant", content = "The list says: " + toolResult.GetProperty("content").ToString() };
        return Results.Json(new
        {
            id = "chatcmpl-rehearsal",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "rehearsal-model",
            choices = new[] { new { index = 0, message, finish_reason = toolResult.ValueKind == JsonValueKind.Undefined ? "tool_calls" : "stop" } },
            usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
