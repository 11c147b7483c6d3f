using System.ComponentModel;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Mcp;
using Todo.Contracts;
using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The MCP tool methods of <see cref="TodoTools"/> as <see cref="AIFunction"/>s for one chat request: the same
/// methods, names and descriptions <c>/mcp</c> serves, bound to the signed-in principal (never an argument), and
/// recording every call as a <see cref="ChatAction"/> (tool, arguments, touched task ids, success). The user is
/// resolved once for the turn, and results stay typed (<see cref="ToolOutcome"/>): only what the model reads is text.
/// </summary>
internal sealed class ToolSession : IChatTools
{
    private readonly List<ChatAction> _actions = [];
    private readonly Dictionary<string, AIFunction> _functions;

    private readonly TaskToolCore _core;
    private readonly UserContext _user;
    private readonly TodoTools _tools;

    /// <param name="tools">The MCP tools, bound here to <paramref name="context"/> for the whole turn.</param>
    /// <param name="core">For the lookups that are not actions (<see cref="PeekAsync"/>).</param>
    /// <param name="user">The signed-in principal the tools act for.</param>
    /// <param name="context">That principal's account, resolved once for the turn.</param>
    public ToolSession(TodoTools tools, TaskToolCore core, ClaimsPrincipal user, UserContext context)
    {
        _core = core;
        _user = context;
        _tools = tools = tools.ActingFor(context);
        var methods = typeof(TodoTools).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
            .ToList();
        _functions = methods
            .Select(m => (AIFunction)new RecordingFunction(Create(m, tools, user), this))
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public async Task<TaskDto?> PeekAsync(string id, CancellationToken cancellationToken) =>
        (await _core.GetAsync(_user, id, cancellationToken)).Value;

    /// <summary>The user the turn acts for.</summary>
    public UserContext User => _user;

    public IReadOnlyList<ChatAction> Actions => _actions;

    /// <summary>
    /// Asked before every call the model makes; a non-null answer holds the call (see <see cref="Held"/>) and is what
    /// the model reads instead of a result. The LLM assistant uses it to keep risky changes for the user's yes.
    /// </summary>
    public Func<string, JsonObject, CancellationToken, Task<string?>>? Gate { get; set; }

    /// <summary>Calls the <see cref="Gate"/> held back, in order; they run only if the user confirms.</summary>
    public IReadOnlyList<Todo.Language.Chat.PlannedCall> Held => _held;

    private readonly List<Todo.Language.Chat.PlannedCall> _held = [];

    /// <summary>Every call's typed outcome, in order, for the reply's summary of what changed.</summary>
    public IReadOnlyList<(string Tool, ToolOutcome Outcome)> Outcomes => _outcomes;

    private readonly List<(string Tool, ToolOutcome Outcome)> _outcomes = [];

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
            if (session.Gate is { } gate)
            {
                var planned = JsonSerializer.SerializeToNode(recorded)!.AsObject();
                if (await gate(Name, planned, cancellationToken) is { } held)
                {
                    session._held.Add(new Todo.Language.Chat.PlannedCall(Name, planned));
                    return held;
                }
            }

            ToolOutcome outcome;
            try
            {
                var result = (CallToolResult)(await base.InvokeCoreAsync(arguments, cancellationToken))!;
                outcome = session._tools.TryTake(result, out var typed) ? typed : ToolOutcome.Failure("The tool gave no result.");
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or ModelContextProtocol.McpException
                || ex is InvalidOperationException && ex.Message != TodoTools.WrongUserMessage)
            {
                // Arguments a model got wrong (wrong JSON type): report like any tool error, the model can retry.
                outcome = ToolOutcome.Failure($"The arguments for {Name} could not be read: {ex.Message}");
            }

            session.LastOutcome = outcome;
            session._outcomes.Add((Name, outcome));
            session._actions.Add(new ChatAction(Name, recorded, outcome.TaskIds, !outcome.IsError));
            return outcome.IsError ? "Error: " + outcome.Text : outcome.Text;
        }
    }
}
