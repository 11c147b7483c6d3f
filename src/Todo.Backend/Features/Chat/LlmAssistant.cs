using System.Globalization;
using Microsoft.Extensions.AI;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using Todo.Language;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The optional LLM assistant: an OpenAI-compatible model (or any <see cref="IChatClient"/>) drives the same tools
/// through function calling. Function invocation runs here, in the backend, with the tools bound to the signed-in
/// user, so a model can never act for anyone else.
/// </summary>
internal sealed class LlmAssistant(IChatClient model, TimeProvider time) : IAssistant
{
    private const int HistoryMessages = 20;

    private readonly IChatClient _client = new ChatClientBuilder(model).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 8).Build();

    public async Task<AssistantReply> ReplyAsync(AssistantTurn turn, ToolSession tools, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var local = ZonedTime.ToLocal(now, turn.Context.TimeZone);
        List<AiChatMessage> messages =
        [
            new(ChatRole.System,
                "You are the assistant of a todo app. Use the tools to read and change the user's tasks; never invent tasks or ids. " +
                $"Now it is {local.ToString("dddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} in the user's time zone ({turn.Context.TimeZone.Id}). " +
                "Pass dates as YYYY-MM-DD and times as HH:mm in that zone. Before changing a task you only know by name, find its id with list_tasks; " +
                "if several match, ask which one. Reply in one or two short sentences that name what changed."),
        ];
        messages.AddRange(turn.History.TakeLast(HistoryMessages).Select(m => new AiChatMessage(m.Role == "user" ? ChatRole.User : ChatRole.Assistant, m.Text)));
        messages.Add(new AiChatMessage(ChatRole.User, turn.Message));

        var response = await _client.GetResponseAsync(messages, new ChatOptions { Tools = [.. tools.Functions] }, cancellationToken);
        var lastList = tools.Actions.LastOrDefault(a => a.Tool == "list_tasks" && a.Succeeded);
        var text = string.IsNullOrWhiteSpace(response.Text) ? "Done." : response.Text.Trim();
        return new AssistantReply(text, lastList?.TaskIds);
    }
}
