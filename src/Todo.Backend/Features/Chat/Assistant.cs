using System.Security.Claims;
using Todo.Backend.Features.Auth;
using Todo.Contracts.Chat;
using Todo.Language.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>Answers one chat message by calling the MCP tools; offline interpreter or an LLM.</summary>
internal interface IAssistant
{
    Task<AssistantReply> ReplyAsync(AssistantTurn turn, ToolSession tools, CancellationToken cancellationToken);
}

/// <summary>One user message with what the assistant may need from the conversation so far.</summary>
internal sealed record AssistantTurn(
    ClaimsPrincipal User, UserContext Context, string Message, IReadOnlyList<ChatMessage> History, IReadOnlyList<string> LastListed, ChatMemory? Memory = null);

/// <summary>
/// The reply; <see cref="LastListed"/> replaces the conversation's numbered list when not null, and
/// <see cref="Memory"/> replaces what the offline assistant keeps between turns (null forgets it).
/// </summary>
internal sealed record AssistantReply(string Text, IReadOnlyList<string>? LastListed = null, ChatMemory? Memory = null);

/// <summary>
/// What the offline assistant remembers from its previous turn: calls waiting for a yes (a bulk or guessed
/// destructive action), the calls that would undo its last change, and the tasks the last turn was about
/// ("that one", "it"). <see cref="UndoToken"/> names the current <see cref="Undo"/> for the undo route; it changes
/// whenever the undo does, so an older reply's token stops working.
/// </summary>
internal sealed record ChatMemory(
    IReadOnlyList<PlannedCall>? Pending = null,
    IReadOnlyList<PlannedCall>? Undo = null,
    IReadOnlyList<string>? Focus = null,
    string? UndoSummary = null,
    string? UndoToken = null);

/// <summary>Calls a tool by name, as <c>/mcp</c> would (the offline assistant needs nothing else).</summary>
internal interface IChatTools
{
    Task<ToolOutcome> CallAsync(string tool, System.Text.Json.Nodes.JsonObject arguments, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one task through get_task without recording it as an action of the reply: the lookups that fill in
    /// "add a tag" or remember how to undo are not something the user asked for.
    /// </summary>
    Task<Todo.Contracts.Tasks.TaskDto?> PeekAsync(string id, CancellationToken cancellationToken);
}
