using System.Text.Json.Nodes;

namespace Todo.Language.Chat;

/// <summary>What the offline interpreter understood in one message.</summary>
internal abstract record ChatIntent;

/// <summary>
/// Call one tool with these arguments (add_task, add_tasks, list_tasks). For lists, <see cref="Period"/> narrows the
/// result to due dates (or completion dates) in a range list_tasks has no filter for, and <see cref="Words"/> are
/// question words that become a tag filter when the user has such a tag, else a text search. <see cref="Assignee"/>
/// keeps the tasks assigned to that username ("me" for the user), which list_tasks has no filter for.
/// </summary>
internal sealed record ToolIntent(string Tool, JsonObject Arguments, string? Heading = null, Period? Period = null, string? Words = null, string? Assignee = null) : ChatIntent;

/// <summary>Local dates from..to (inclusive, either open); <see cref="ByCompletion"/> judges completion dates.</summary>
internal sealed record Period(DateOnly? From, DateOnly? To, bool ByCompletion = false)
{
    public bool Contains(DateOnly? date) => date is { } d && (From is null || d >= From) && (To is null || d <= To);
}

/// <summary>
/// One tool on every task a list query finds ("complete all overdue", "delete everything tagged work"): always
/// confirmed first, naming the tasks.
/// </summary>
internal sealed record BulkIntent(string Tool, ToolIntent Query, JsonObject Arguments, string Verb) : ChatIntent;

/// <summary>Two commands in one message, the second about the first's task ("move X to friday and make it p1").</summary>
internal sealed record SequenceIntent(ChatIntent First, ChatIntent Then) : ChatIntent;

/// <summary>Undo the assistant's last change in this conversation.</summary>
internal sealed record UndoIntent : ChatIntent;

/// <summary>"yes" or "no" to the question the assistant asked.</summary>
internal sealed record ConfirmIntent(bool Yes) : ChatIntent;

/// <summary>
/// Act on tasks the user named by number (from the last list of this conversation) or by title. The target is
/// resolved into an id by the assistant (the backend's TaskReferences); <see cref="Arguments"/> are the tool's other arguments.
/// </summary>
/// <remarks>
/// <see cref="Fallback"/>: what the message means when no task has that title ("make coffee every morning" adds a
/// repeating task when there is no "coffee" task to change).
/// </remarks>
internal sealed record TaskActionIntent(string Tool, IReadOnlyList<TaskTarget> Targets, JsonObject Arguments, ToolIntent? Fallback = null) : ChatIntent;

/// <summary>Answer in words only (help, a question back, something not understood).</summary>
internal sealed record ReplyIntent(string Text) : ChatIntent;

/// <summary>
/// A task reference: a number from the last list, words of a title, the task the conversation is about ("it",
/// "that one"), the last of the list, or every task of the list ("both", "them").
/// </summary>
internal sealed record TaskTarget(int? Number, string? Title, TargetKind Kind = TargetKind.Plain)
{
    public override string ToString() => Number is { } n ? $"number {n}" : $"\"{Title}\"";
}

internal enum TargetKind
{
    Plain,
    Focus,
    LastOfList,
    AllListed,

    /// <summary>Only an open task with exactly this title (a repeat rule said as an add: "take out the trash every monday").</summary>
    ExactTitle,
}

/// <summary>A task as the interpreter needs it to resolve references.</summary>
internal sealed record TaskRef(string Id, string Title);

/// <summary>A resolved tool call: name and arguments, as recorded in <c>ChatAction</c>.</summary>
internal sealed record PlannedCall(string Tool, JsonObject Arguments);
