using System.Security.Claims;
using Todo.Backend.Features.Auth;
using Todo.Contracts.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>Answers one chat message by calling the MCP tools; offline interpreter or an LLM.</summary>
internal interface IAssistant
{
    Task<AssistantReply> ReplyAsync(AssistantTurn turn, ToolSession tools, CancellationToken cancellationToken);
}

/// <summary>One user message with what the assistant may need from the conversation so far.</summary>
internal sealed record AssistantTurn(ClaimsPrincipal User, UserContext Context, string Message, IReadOnlyList<ChatMessage> History, IReadOnlyList<string> LastListed);

/// <summary>The reply; <see cref="LastListed"/> replaces the conversation's numbered list when not null.</summary>
internal sealed record AssistantReply(string Text, IReadOnlyList<string>? LastListed = null);
