using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Server;
using Todo.Backend.Features.Mcp;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The offline assistant's confirmation rule applied to a model: a destructive tool call (annotated
/// <c>destructiveHint</c>: delete_task, update_task, set_reminder) waits for the user's yes when the turn would make
/// more than one, or when it targets a task the conversation never pointed at (the model guessed it, or picked one of
/// several search matches). One change to a task the user just saw, or that a lookup found alone, runs at once.
/// A call to a task that does not exist is let through: it fails and the model hears why.
/// </summary>
internal sealed class ModelChangeGate(AssistantTurn turn, ToolSession tools)
{
    public const string HeldMessage =
        "Not done yet: this change needs the user's yes, and the app has asked them to confirm. " +
        "Do not call it again; tell the user you are waiting for their yes.";

    /// <summary>The tools MCP annotates as destructive, read from <see cref="TodoTools"/> so there is one list.</summary>
    public static readonly IReadOnlySet<string> Destructive = typeof(TodoTools).GetMethods()
        .Select(m => m.GetCustomAttribute<McpServerToolAttribute>())
        .Where(a => a is { Destructive: true })
        .Select(a => a!.Name!)
        .ToHashSet(StringComparer.Ordinal);

    public async Task<string?> CheckAsync(string tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (!Destructive.Contains(tool))
        {
            return null;
        }

        if (tools.Held.Count > 0 || DestructiveInThisResponse() + tools.Actions.Count(a => a.Succeeded && Destructive.Contains(a.Tool)) > 1)
        {
            return HeldMessage;
        }

        if (arguments["id"]?.GetValue<string>() is not { } id || Known(id))
        {
            return null;
        }

        return await tools.PeekAsync(id, cancellationToken) is null ? null : HeldMessage;
    }

    /// <summary>Destructive calls the model asked for in the response being carried out (it may ask for several at once).</summary>
    private static int DestructiveInThisResponse()
    {
        if (FunctionInvokingChatClient.CurrentContext is not { } context)
        {
            return 1;
        }

        var response = context.Messages.LastOrDefault(m => m.Contents.Contains(context.CallContent));
        return response?.Contents.OfType<FunctionCallContent>().Count(c => Destructive.Contains(c.Name)) ?? 1;
    }

    /// <summary>
    /// Ids the user has seen or named: the last list shown, the task the conversation is about, tasks earlier replies
    /// acted on, and tasks this turn's lookups found alone (a list of several is a choice the model made).
    /// </summary>
    private bool Known(string id) =>
        turn.LastListed.Contains(id)
        || turn.Memory?.Focus?.Contains(id) == true
        || turn.History.Any(m => m.Actions?.Any(a => a.TaskIds.Contains(id)) == true)
        || tools.Actions.Any(a => a.Succeeded && a.TaskIds is [var only] && only == id);
}
