using System.ComponentModel;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Todo.Backend.Features.Mcp;
using Todo.Contracts;
using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The MCP tool methods of <see cref="TodoTools"/> as <see cref="AIFunction"/>s for one chat request: the same
/// methods, names and descriptions <c>/mcp</c> serves, bound to the signed-in principal (never an argument), and
/// recording every call as a <see cref="ChatAction"/> (tool, arguments, touched task ids, success).
/// </summary>
internal sealed class ToolSession : IChatTools
{
    private readonly List<ChatAction> _actions = [];
    private readonly Dictionary<string, AIFunction> _functions;
    private readonly AIFunction _getTask;

    public ToolSession(TodoTools tools, ClaimsPrincipal user)
    {
        var methods = typeof(TodoTools).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
            .ToList();
        _functions = methods
            .Select(m => (AIFunction)new RecordingFunction(Create(m, tools, user), this))
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
        _getTask = Create(methods.Single(m => m.GetCustomAttribute<McpServerToolAttribute>()!.Name == "get_task"), tools, user);
    }

    public async Task<TaskDto?> PeekAsync(string id, CancellationToken cancellationToken)
    {
        var args = new AIFunctionArguments(new Dictionary<string, object?> { ["id"] = JsonSerializer.SerializeToElement(id) });
        var result = (CallToolResult)(await _getTask.InvokeAsync(args, cancellationToken))!;
        var outcome = new ToolOutcome(result);
        return outcome.IsError ? null : outcome.Read<TaskResult>()?.Task;
    }

    public IReadOnlyList<ChatAction> Actions => _actions;

    public IReadOnlyCollection<AIFunction> Functions => _functions.Values;

    /// <summary>Calls a tool by name; the result's text and structured content come back as the MCP client would see them.</summary>
    public async Task<ToolOutcome> CallAsync(string tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        var args = new AIFunctionArguments(arguments.ToDictionary(p => p.Key, p => (object?)(p.Value is null ? null : JsonSerializer.SerializeToElement(p.Value))));
        await _functions[tool].InvokeAsync(args, cancellationToken);
        return LastOutcome!;
    }

    private ToolOutcome? LastOutcome { get; set; }

    private static AIFunction Create(MethodInfo method, TodoTools tools, ClaimsPrincipal user)
    {
        var attribute = method.GetCustomAttribute<McpServerToolAttribute>()!;
        return AIFunctionFactory.Create(method, tools, new AIFunctionFactoryOptions
        {
            Name = attribute.Name,
            Description = method.GetCustomAttribute<DescriptionAttribute>()?.Description,
            SerializerOptions = TodoJson.Options,
            ConfigureParameterBinding = parameter => parameter.ParameterType == typeof(ClaimsPrincipal)
                ? new AIFunctionFactoryOptions.ParameterBindingOptions { ExcludeFromSchema = true, BindParameter = (_, _) => user }
                : default,
            // Hand the CallToolResult itself to the recorder, which decides what the model sees.
            MarshalResult = (result, _, _) => new ValueTask<object?>(result),
        });
    }

    private sealed class RecordingFunction(AIFunction inner, ToolSession session) : DelegatingAIFunction(inner)
    {
        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            var recorded = JsonSerializer.SerializeToElement(
                arguments.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value), TodoJson.Options);
            CallToolResult result;
            try
            {
                result = (CallToolResult)(await base.InvokeCoreAsync(arguments, cancellationToken))!;
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or ModelContextProtocol.McpException)
            {
                // Arguments a model got wrong (wrong JSON type): report like any tool error, the model can retry.
                result = ToolResults.Error($"The arguments for {Name} could not be read: {ex.Message}");
            }

            var outcome = new ToolOutcome(result);
            session.LastOutcome = outcome;
            session._actions.Add(new ChatAction(Name, recorded, outcome.TaskIds, !outcome.IsError));
            return outcome.IsError ? "Error: " + outcome.Text : outcome.Text;
        }
    }
}

/// <summary>What a tool call returned, read the way an MCP client reads it.</summary>
internal sealed record ToolOutcome(CallToolResult Result)
{
    public bool IsError => Result.IsError == true;

    public string Text => string.Join("\n", Result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public JsonElement? Structured => Result.StructuredContent is { } s ? JsonSerializer.SerializeToElement(s) : null;

    /// <summary>Tasks the call created, changed or listed, in order.</summary>
    public IReadOnlyList<string> TaskIds
    {
        get
        {
            if (Structured is not { ValueKind: JsonValueKind.Object } root)
            {
                return [];
            }

            var ids = new List<string>();
            if (root.TryGetProperty("task", out var task) && task.TryGetProperty("id", out var id))
            {
                ids.Add(id.GetString()!);
            }

            foreach (var name in new[] { "tasks", "items" })
            {
                if (root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    ids.AddRange(list.EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
                }
            }

            return ids;
        }
    }

    public T? Read<T>() => Structured is { } s ? s.Deserialize<T>(TodoJson.Options) : default;
}
