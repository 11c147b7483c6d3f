using System.Text.Json.Nodes;

namespace Todo.Backend.Features.Chat;

/// <summary>What the offline interpreter understood in one message.</summary>
internal abstract record ChatIntent;

/// <summary>Call one tool with these arguments (add_task, list_tasks).</summary>
internal sealed record ToolIntent(string Tool, JsonObject Arguments, string? Heading = null) : ChatIntent;

/// <summary>
/// Act on tasks the user named by number (from the last list of this conversation) or by title. The target is
/// resolved into an id by <see cref="ChatInterpreter.Resolve"/>; <see cref="Arguments"/> are the tool's other arguments.
/// </summary>
internal sealed record TaskActionIntent(string Tool, IReadOnlyList<TaskTarget> Targets, JsonObject Arguments) : ChatIntent;

/// <summary>Answer in words only (help, a question back, something not understood).</summary>
internal sealed record ReplyIntent(string Text) : ChatIntent;

/// <summary>A task reference: a number from the last list, or words of a title.</summary>
internal sealed record TaskTarget(int? Number, string? Title)
{
    public override string ToString() => Number is { } n ? $"number {n}" : $"\"{Title}\"";
}

/// <summary>A task as the interpreter needs it to resolve references.</summary>
internal sealed record TaskRef(string Id, string Title);

/// <summary>A resolved tool call: name and arguments, as recorded in <c>ChatAction</c>.</summary>
internal sealed record PlannedCall(string Tool, JsonObject Arguments);
