using System.Globalization;
using Microsoft.Extensions.AI;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using Todo.Language;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The optional LLM assistant: an OpenAI-compatible model (or any <see cref="IChatClient"/>) drives the same tools
/// through function calling. Function invocation runs here, in the backend, with the tools bound to the signed-in
/// user, so a model can never act for anyone else. Risky changes wait for the user's yes (<see cref="ModelChangeGate"/>),
/// which, like undo, the offline assistant carries out.
/// </summary>
internal sealed class LlmAssistant(IChatClient model, OfflineAssistant offline, TimeProvider time) : IAssistant
{
    private const int HistoryMessages = 20;

    private readonly IChatClient _client = new ChatClientBuilder(model).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 8).Build();

    public async Task<AssistantReply> ReplyAsync(AssistantTurn turn, ToolSession tools, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (turn.Memory is { } memory && Todo.Language.Chat.ChatInterpreter.Interpret(turn.Message, now, turn.Context.TimeZone) is var intent
            && (intent is Todo.Language.Chat.ConfirmIntent && memory.Pending is { Count: > 0 } || intent is Todo.Language.Chat.UndoIntent && memory.Undo is { Count: > 0 }))
        {
            // The yes (or no) to changes held back last turn, or the undo of what that yes did: the same code as offline.
            return await offline.ReplyAsync(turn, tools, cancellationToken);
        }

        var gate = new ModelChangeGate(turn, tools);
        tools.Gate = gate.CheckAsync;
        var local = ZonedTime.ToLocal(now, turn.Context.TimeZone);
        List<AiChatMessage> messages =
        [
            new(ChatRole.System,
                "You are the assistant of a todo app. Use the tools to read and change the user's tasks; never invent tasks or ids. " +
                $"Now it is {local.ToString("dddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} in the user's time zone ({turn.Context.TimeZone.Id}). " +
                "Pass dates as YYYY-MM-DD and times as HH:mm in that zone. Before changing a task you only know by name, find its id with list_tasks; " +
                "if several match, ask which one. Deleting or changing several tasks, or one the user did not point at, waits for the user's yes: " +
                "when a tool says so, tell the user you are waiting for it. Reply in one or two short sentences that name what changed."),
        ];
        messages.AddRange(turn.History.TakeLast(HistoryMessages).Select(m => new AiChatMessage(m.Role == "user" ? ChatRole.User : ChatRole.Assistant, m.Text)));
        messages.Add(new AiChatMessage(ChatRole.User, turn.Message));

        var response = await _client.GetResponseAsync(messages, new ChatOptions { Tools = [.. tools.Functions] }, cancellationToken);
        var lastList = tools.Actions.LastOrDefault(a => a.Tool == "list_tasks" && a.Succeeded);
        var text = string.IsNullOrWhiteSpace(response.Text) ? "Done." : response.Text.Trim();
        tools.Gate = null;
        return tools.Held.Count == 0 ? new AssistantReply(text, lastList?.TaskIds) : await ConfirmAsync(tools, now, turn.Context.TimeZone, cancellationToken);
    }

    /// <summary>The held calls as the offline assistant asks about them: what would happen to which tasks, yes or no.</summary>
    private static async Task<AssistantReply> ConfirmAsync(ToolSession tools, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var tasks = new List<Todo.Contracts.Tasks.TaskDto>();
        foreach (var id in tools.Held.Select(c => c.Arguments["id"]?.GetValue<string>()).OfType<string>().Distinct())
        {
            if (await tools.PeekAsync(id, cancellationToken) is { } task)
            {
                tasks.Add(task);
            }
        }

        var verb = tools.Held.All(c => c.Tool == "delete_task") ? "Delete" : "Change";
        return OfflineAssistant.Confirm(verb, tasks, now, zone, new ChatMemory(Pending: tools.Held, Focus: [.. tasks.Select(t => t.Id)]));
    }
}
